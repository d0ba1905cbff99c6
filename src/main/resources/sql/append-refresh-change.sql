-- Change log: a read-through refresh that changed the entry (its version is newer than the last one logged).
-- A PENDING entry shows an update that has not reached the back-end: it is logged when applied, not here.
select append_change(e.type, e.id, e.version, 'REFRESHED') as seq
  from cache_entry e
  left join change_key k on k.type = e.type and k.id = e.id
 where e.type = :#${exchangeProperty.type} and e.id = :#${exchangeProperty.id}
   and e.state <> 'PENDING'
   and e.version > coalesce(k.last_version, 0)
