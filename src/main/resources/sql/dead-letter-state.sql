-- Before a dead letter is recorded as FAILED: is its update still PENDING, how many attempts did midtier make
-- (DeliveryAttempts counts them where no rollback erases them), and may one of them have reached the back-end
-- (attempt_may_have_reached)? If so, wait_ms is how much longer the latest such attempt may still be running there
-- (midtier.backend.max-call-ms from its start): only after that is the back-end's answer to "do you hold it?"
-- final. DeadLetters.verdict decides from this row. The update's row stays locked to the end of the transaction:
-- a delivery that parks a newer update behind it waits, and settle_applied then sees the park.
-- An update not recorded gives a row with status null and in_doubt: whether the database holds a prepared branch
-- that may hold its row, invisible until recovery commits it (a write whose commit the database's outage cut short
-- after the broker's branch committed). A branch prepared over a second ago is no commit under way.
with recorded as (
    select u.status,
           u.attempts,
           a.started_at is not null as uncertain,
           coalesce(greatest(0, ceil(extract(epoch from a.started_at
                                                       + cast(:#${properties:midtier.backend.max-call-ms} as bigint) * interval '1 millisecond'
                                                       - clock_timestamp()) * 1000)), 0) as wait_ms
      from cache_update u
      left join lateral (select max(started_at) as started_at from delivery_attempt
                          where update_id = u.update_id and attempt_may_have_reached(error)) a on true
     where u.update_id = cast(:#${exchangeProperty.updateId} as uuid)
       for update of u
)
select status, attempts, uncertain, wait_ms, false as in_doubt from recorded
union all
select null, 0, false, 0,
       exists (select 1 from pg_prepared_xacts
                where database = current_database() and prepared < clock_timestamp() - interval '1 second')
 where not exists (select 1 from recorded)
