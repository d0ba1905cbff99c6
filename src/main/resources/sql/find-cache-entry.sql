-- Always one row: the entry's JSON and version (null when not cached), whether an update of it is pending (its
-- ETag says so), whether it is fresh, its remaining lifetime and age in seconds, and whether the back-end recently
-- said the key does not exist.
-- An entry without transactions (stored before they were cached) counts as expired.
select e.json, e.version, coalesce(e.pending, false) as pending, coalesce(e.fresh, false) as fresh, e.max_age, e.age,
       coalesce(a.expires_at > now(), false) as absent
  from (select 1) as k
  left join lateral (
        select (body || jsonb_build_object('version', version, 'pendingUpdate', pending_update))::text as json,
               version,
               pending_update is not null as pending,
               expires_at > now() and transactions is not null as fresh,
               greatest(0, ceil(extract(epoch from expires_at - now())))::bigint as max_age,
               greatest(0, floor(extract(epoch from now() - fetched_at)))::bigint as age
          from cache_entry
         where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}) as e on true
  left join cache_absent as a
         on a.type = :#${exchangeProperty.type} and a.id = :#${exchangeProperty.id}
