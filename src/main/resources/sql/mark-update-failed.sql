-- An update that will never be applied: FAILED with the reason support and the user see, unless it was settled.
-- Its row is found by its primary key alone and its status tested once locked: with the status in the lookup the
-- planner may read the whole pending updates' index instead (V19__claims_by_primary_key.sql).
with target as (
    select update_id, status from cache_update where update_id = cast(:#${exchangeProperty.updateId} as uuid) for update
)
update cache_update c
   set status = 'FAILED', last_error = :#${exchangeProperty.failure}
  from target t
 where c.update_id = t.update_id and t.status = 'PENDING'
