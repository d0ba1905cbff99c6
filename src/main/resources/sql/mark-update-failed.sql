-- An update that will never be applied: FAILED with the reason support and the user see.
update cache_update
   set status = 'FAILED', last_error = :#${exchangeProperty.failure}
 where update_id = cast(:#${exchangeProperty.updateId} as uuid) and status = 'PENDING'
