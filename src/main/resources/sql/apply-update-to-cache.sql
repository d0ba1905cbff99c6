update cache_entry
   set body = body || cast(:#${exchangeProperty.patch} as jsonb),
       version = version + 1,
       state = 'PENDING',
       pending_update = cast(:#${exchangeProperty.updateId} as uuid)
 where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}
returning version, body::text as body
