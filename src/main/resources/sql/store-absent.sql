-- The back-end does not know the key: remember it for a short while, and drop an entry it held
-- (unless an accepted update is still on its way to the back-end).
with gone as (
    delete from cache_entry
     where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id} and state <> 'PENDING'
)
insert into cache_absent (type, id, expires_at)
values (:#${exchangeProperty.type}, :#${exchangeProperty.id},
        now() + make_interval(secs => cast(:#${exchangeProperty.notFoundTtlSeconds} as integer)))
on conflict (type, id) do update set expires_at = excluded.expires_at
