-- One statement, one transaction with the message receive: applied, remembered, and the cache entry
-- no longer pending unless a newer update is on its way.
with applied as (
    update cache_update
       set status = 'APPLIED', applied_at = now(), attempts = attempts + 1, last_error = null
     where update_id = cast(:#${exchangeProperty.updateId} as uuid)
    returning type, id, update_id
), remembered as (
    insert into processed_message (id) select update_id from applied
)
update cache_entry
   set state = 'FRESH', pending_update = null
  from applied
 where cache_entry.type = applied.type and cache_entry.id = applied.id
   and cache_entry.pending_update = applied.update_id
