-- The back-end holds the update: APPLIED with its change-log entry, and the entry's next update if its message was
-- parked behind this one (settle_applied, V18__delivery_claims.sql). No row when it was not PENDING any more.
select * from settle_applied(cast(:#${exchangeProperty.updateId} as uuid))
