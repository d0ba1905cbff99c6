-- An open dead letter, locked for its replay, and whether the entry got a newer update since (replaying the
-- old state would then overwrite it).
select d.message, d.type, d.id,
       exists (select 1 from cache_update newer
                where newer.type = u.type and newer.id = u.id and newer.accepted_seq > u.accepted_seq
                  and newer.status in ('PENDING', 'APPLIED')) as newer
  from dead_letter d join cache_update u on u.update_id = d.update_id
 where d.update_id = cast(:#${exchangeProperty.updateId} as uuid) and d.status = 'OPEN'
   for update of d
