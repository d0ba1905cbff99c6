-- A refresh never overwrites an accepted update that has not reached the back-end yet (state PENDING),
-- and bumps the version only when the content changed. The key exists again: forget a "not found". A new entry
-- continues from the last version the change log gave it (an evicted entry read again is newer than what
-- subscribers hold).
-- The refresh and its change-log entry are one statement, so neither is ever there without the other.
with found as (
    delete from cache_absent where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}
), stored as (
insert into cache_entry (type, id, body, version, state, fetched_at, expires_at, transactions)
values (:#${exchangeProperty.type}, :#${exchangeProperty.id}, cast(:#${body} as jsonb),
        coalesce((select last_version from change_key
                   where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}), 0) + 1, 'FRESH', now(),
        now() + make_interval(secs => cast(:#${exchangeProperty.ttlSeconds} as integer)),
        cast(:#${exchangeProperty.transactions} as jsonb))
on conflict (type, id) do update
   set body = case when cache_entry.state = 'PENDING' then cache_entry.body else excluded.body end,
       version = case when (cache_entry.state = 'PENDING' or cache_entry.body = excluded.body)
                           and cache_entry.transactions is not distinct from excluded.transactions
                      then cache_entry.version else cache_entry.version + 1 end,
       transactions = excluded.transactions,
       fetched_at = excluded.fetched_at,
       expires_at = excluded.expires_at
returning type, id, body, version, state, pending_update
), logged as (
    -- change log (issue 3), in the same statement as the store: a refresh that changed the entry is logged
    -- (its version is newer than the last logged); a PENDING entry is logged when its update is applied
    select append_change(s.type, s.id, s.version, 'REFRESHED')
      from stored s
      left join change_key k on k.type = s.type and k.id = s.id
     where s.state <> 'PENDING' and s.version > coalesce(k.last_version, 0)
)
select (s.body || jsonb_build_object('version', s.version, 'pendingUpdate', s.pending_update))::text as json,
       s.version,
       s.pending_update is not null as pending,
       true as fresh,
       cast(:#${exchangeProperty.ttlSeconds} as bigint) as max_age,
       0 as age,
       false as absent,
       (select count(*) from logged) as logged
  from stored s
