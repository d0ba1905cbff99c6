-- One statement, one transaction with the message receive: applied, remembered, the cache entry no longer
-- pending unless a newer update is on its way, and the change log's entry for it (it used to be a second round
-- trip, change-log.camel.yaml's change-applied). An entry that does not wait for any update (refreshed or
-- evicted meanwhile, e.g. a replayed dead letter) is expired, so the next read shows what the back-end holds.
-- Returns the change's event id (null when the update was not there to apply).
with applied as (
    update cache_update
       set status = 'APPLIED', applied_at = clock_timestamp(), last_error = null
     where update_id = cast(:#${exchangeProperty.updateId} as uuid)
    returning type, id, update_id, new_version
), remembered as (
    insert into processed_message (id) select update_id from applied
), settled as (
    update cache_entry
       set state = case when cache_entry.pending_update = applied.update_id then 'FRESH' else cache_entry.state end,
           expires_at = case when cache_entry.pending_update is null then least(cache_entry.expires_at, now())
                             else cache_entry.expires_at end,
           pending_update = case when cache_entry.pending_update = applied.update_id then null
                                 else cache_entry.pending_update end
      from applied
     where cache_entry.type = applied.type and cache_entry.id = applied.id
       and (cache_entry.pending_update = applied.update_id or cache_entry.pending_update is null)
)
-- (a plain WITH query runs only as far as it is read: the change is appended here, in the outer select)
select append_change(a.type, a.id, a.new_version, 'APPLIED') as seq from applied a
