-- In the dual-write transaction: a concurrent repeat of the key waits here and then fails on the key.
insert into idempotent_request (idempotency_key, request_hash, status, location, body)
values (:#${exchangeProperty.idempotencyKey}, :#${exchangeProperty.requestHash}, 202,
        '/api/updates/' || :#${exchangeProperty.updateId}, :#${exchangeProperty.responseBody})
