-- Parks a PENDING update behind an older pending update of the same entry: its message is kept here (the
-- receiving transaction consumes it from the queue) until the delivery that applies the older one sends it again.
update cache_update
   set parked_message = :#${exchangeProperty.message},
       parked_schema_version = :#${exchangeProperty.schemaVersion}
 where update_id = cast(:#${exchangeProperty.updateId} as uuid) and status = 'PENDING'
