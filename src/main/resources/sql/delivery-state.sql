-- Where an update stands before a delivery attempt, and whether an older update of the same entry is still
-- pending: then this one is parked behind it (park-update.sql), so per-key order holds whatever order the broker
-- delivers in. An older update being delivered right now holds its row's lock: waiting for that lock (FOR SHARE,
-- in acceptance order) lets its outcome be seen as soon as it commits; and a delivery that applies an older update
-- waits for these share locks, so it sees the park and sends the parked message again (mark-update-applied.sql).
select u.status, u.type, u.id,
       (select count(*)
          from (select 1 from cache_update o
                 where o.type = u.type and o.id = u.id and o.status = 'PENDING'
                   and o.accepted_seq < u.accepted_seq
                 order by o.accepted_seq
                   for share) older) > 0 as older_pending
  from cache_update u
 where u.update_id = cast(:#${exchangeProperty.updateId} as uuid)
