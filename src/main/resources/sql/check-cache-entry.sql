-- The near cache's primary-key question (validate mode): the entry's version, whether an update of it is pending,
-- whether it is fresh and for how long (ms). No row when the entry is gone. Parameters: type, id.
select version, pending_update is not null as pending,
       expires_at > now() and transactions is not null as fresh,
       greatest(0, floor(extract(epoch from expires_at - now()) * 1000))::bigint as remaining_ms
  from cache_entry
 where type = ? and id = ?
