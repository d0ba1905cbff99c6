insert into cache_update (update_id, type, id, payload, base_version, new_version, status)
values (cast(:#${exchangeProperty.updateId} as uuid), :#${exchangeProperty.type}, :#${exchangeProperty.id},
        cast(:#${exchangeProperty.patch} as jsonb), :#${exchangeProperty.newVersion} - 1,
        :#${exchangeProperty.newVersion}, 'PENDING')
