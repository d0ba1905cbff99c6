delete from cache_entry where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}
