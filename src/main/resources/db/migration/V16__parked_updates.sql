-- Delivery (issue 16): an update whose message arrived while an older update of the same entry was still pending
-- is parked with its message, instead of going round the queue until its turn comes; the delivery that settles
-- the older update as applied sends the parked message again (backend-delivery.camel.yaml).
alter table cache_update add column parked_message text;
alter table cache_update add column parked_schema_version integer;
