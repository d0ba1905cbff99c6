-- Change log: the entry was evicted. Its version is one above the last logged, so subscribers take it as
-- newer; a later read continues from there (store-cache-entry.sql).
select append_change(:#${exchangeProperty.type}, :#${exchangeProperty.id},
                     coalesce((select last_version from change_key
                                where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}), 0) + 1,
                     'EVICTED') as seq
