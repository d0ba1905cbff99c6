-- Always one row: the entry's JSON and version (null when not cached), whether an update of it is pending (its
-- ETag says so), whether it is fresh, its remaining lifetime (ms) and age (s), and whether the back-end recently
-- said the key does not exist. An entry without transactions (stored before they were cached) counts as expired.
-- Parameters: type, id (read by io.midtier.cache.CacheRows over JDBC).
with k (type, id) as (select cast(? as varchar), cast(? as varchar))
select e.json, e.version, coalesce(e.pending, false) as pending, coalesce(e.fresh, false) as fresh,
       coalesce(e.remaining_ms, 0) as remaining_ms, coalesce(e.age, 0) as age,
       coalesce(a.expires_at > now(), false) as absent
  from k
  left join lateral (
        select (c.body || jsonb_build_object('version', c.version, 'pendingUpdate', c.pending_update))::text as json,
               c.version,
               c.pending_update is not null as pending,
               c.expires_at > now() and c.transactions is not null as fresh,
               greatest(0, floor(extract(epoch from c.expires_at - now()) * 1000))::bigint as remaining_ms,
               greatest(0, floor(extract(epoch from now() - c.fetched_at)))::bigint as age
          from cache_entry c
         where c.type = k.type and c.id = k.id) as e on true
  left join cache_absent as a on a.type = k.type and a.id = k.id
