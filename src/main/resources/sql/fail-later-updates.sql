-- Updates of the same entry accepted after a failed one carry its changes (a message holds the entry's whole
-- updatable state): they fail with it instead of sending what the back-end refused or never got (a message parked
-- behind it is dropped with them).
update cache_update later
   set status = 'FAILED',
       last_error = 'not sent: it was based on update ' || failed.update_id || ', which failed',
       parked_message = null, parked_schema_version = null
  from cache_update failed
 where failed.update_id = cast(:#${exchangeProperty.updateId} as uuid)
   and later.type = failed.type and later.id = failed.id
   and later.status = 'PENDING' and later.accepted_seq > failed.accepted_seq
