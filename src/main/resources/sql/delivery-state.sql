-- Where an update stands before a delivery attempt, and whether an older update of the same entry is still
-- on its way: then this one waits, so per-key order holds whatever order the broker delivers in.
select u.status, u.type, u.id,
       exists (select 1 from cache_update o
                where o.type = u.type and o.id = u.id and o.status = 'PENDING'
                  and o.accepted_seq < u.accepted_seq) as older_pending
  from cache_update u
 where u.update_id = cast(:#${exchangeProperty.updateId} as uuid)
