-- After an update failed: the entry goes, whatever its state (no update of the key is pending any more).
delete from cache_entry where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}
