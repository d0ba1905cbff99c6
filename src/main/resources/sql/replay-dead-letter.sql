-- Replay: the update is PENDING again (its attempts keep counting: a replayed update may have reached the
-- back-end, and the delivery checks that), the dead letter closed, the action audited.
with pending as (
    update cache_update set status = 'PENDING', last_error = null
     where update_id = cast(:#${exchangeProperty.updateId} as uuid)
), closed as (
    update dead_letter set status = 'REPLAYED', closed_at = now()
     where update_id = cast(:#${exchangeProperty.updateId} as uuid)
)
insert into dead_letter_audit (update_id, action, actor)
values (cast(:#${exchangeProperty.updateId} as uuid), 'REPLAY', :#${exchangeProperty.actor})
