-- Before a dead letter is recorded as FAILED: is its update still PENDING, and may one of its attempts have
-- reached the back-end? An attempt that timed out or lost its connection may have (the back-end carries out a call
-- its caller gave up on), and so may one that never recorded its end (a crash during the call; or its failure is
-- not written yet). An attempt the back-end answered with an error (region down, abend), or that failed before
-- calling it, did not. The update's row stays locked to the end of the transaction: a delivery that parks a newer
-- update behind it waits, and mark-update-applied.sql then sees the park.
select u.status,
       exists (select 1 from delivery_attempt a
                where a.update_id = u.update_id
                  and (a.error is null
                       or a.error ilike '%timeout%' or a.error ilike '%timed out%'
                       or a.error ilike '%reset%' or a.error ilike '%SocketException%'
                       or a.error ilike '%IOException%' or a.error ilike '%NoHttpResponse%')) as uncertain
  from cache_update u
 where u.update_id = cast(:#${exchangeProperty.updateId} as uuid)
   for update of u
