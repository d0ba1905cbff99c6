-- Locks the update for this delivery attempt: concurrent consumers never work on one update at once.
select status from cache_update where update_id = cast(:#${exchangeProperty.updateId} as uuid) for update
