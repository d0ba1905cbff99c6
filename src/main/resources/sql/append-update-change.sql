-- Change log: an update reached its end (changeOp APPLIED or FAILED), with the version it gave the entry; in
-- the transaction that records the outcome.
select append_change(type, id, new_version, :#${exchangeProperty.changeOp}) as seq
  from cache_update
 where update_id = cast(:#${exchangeProperty.updateId} as uuid)
