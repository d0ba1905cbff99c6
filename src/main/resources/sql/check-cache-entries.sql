-- The near cache's primary-key question (validate mode) for several keys at once: check-cache-entry.sql's answer
-- for each (type, id) pair of the two arrays, in their order (n from 1), with null columns for an entry that is
-- gone. The lateral join looks each key up by the primary key (a join could take a sequential scan).
-- Parameters: types (text[]), ids (text[]).
select k.n, e.version, e.pending, e.fresh, e.remaining_ms
  from unnest(cast(? as text[]), cast(? as text[])) with ordinality as k(type, id, n)
  left join lateral (
        select version, pending_update is not null as pending,
               expires_at > now() and transactions is not null as fresh,
               greatest(0, floor(extract(epoch from expires_at - now()) * 1000))::bigint as remaining_ms
          from cache_entry
         where type = k.type and id = k.id) e on true
