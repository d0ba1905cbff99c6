-- Only the version If-Match names (when it names one) is updated.
update cache_entry
   set body = body || cast(:#${exchangeProperty.patch} as jsonb),
       version = version + 1,
       state = 'PENDING',
       pending_update = cast(:#${exchangeProperty.updateId} as uuid)
 where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}
   and (cast(:#${exchangeProperty.expectedVersion} as bigint) is null
        or version = cast(:#${exchangeProperty.expectedVersion} as bigint))
returning version, body::text as body
