select request_hash, status, location, body
  from idempotent_request
 where idempotency_key = :#${exchangeProperty.idempotencyKey}
