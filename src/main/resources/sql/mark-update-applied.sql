-- One statement, one transaction with the message receive: applied, remembered, the cache entry no longer
-- pending unless a newer update is on its way, and the change log's entry for it (it used to be a second round
-- trip, change-log.camel.yaml's change-applied). An entry that does not wait for any update (refreshed or
-- evicted meanwhile, e.g. a replayed dead letter) is expired, so the next read shows what the back-end holds.
-- Returns the change's event id and the entry's next update if it was parked behind this one (no row when the
-- update was not there to apply).
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
), next_parked as (
    -- the entry's next pending update, if its message was parked behind this one (park-update.sql). Every caller
    -- holds this update's row lock from an earlier statement, so a park that waited for it is seen here (this
    -- statement's snapshot is taken after it committed). This update still reads as PENDING in the snapshot.
    select n.update_id, n.new_version, n.parked_message, n.parked_schema_version
      from applied a
      join lateral (select o.update_id, o.new_version, o.parked_message, o.parked_schema_version
                      from cache_update o
                     where o.type = a.type and o.id = a.id and o.status = 'PENDING' and o.update_id <> a.update_id
                     order by o.accepted_seq
                     limit 1) n on true
     where n.parked_message is not null
), unparked as (
    update cache_update set parked_message = null, parked_schema_version = null
      from next_parked
     where cache_update.update_id = next_parked.update_id
)
-- (a plain WITH query runs only as far as it is read: the change is appended here, in the outer select)
select append_change(a.type, a.id, a.new_version, 'APPLIED') as seq,
       a.type || ':' || a.id as key,
       cast(n.update_id as text) as next_update_id, n.new_version as next_version,
       n.parked_message as next_message, n.parked_schema_version as next_schema_version
  from applied a left join next_parked n on true
