-- A dead letter: its update FAILED with the reason (unless it was settled meanwhile), and the message kept
-- for support to replay or discard. Returns how many updates this failed (0 or 1).
with failed as (
    update cache_update
       set status = 'FAILED',
           last_error = coalesce(cast(:#${exchangeProperty.reason} as text),
                                 case when cast(:#${exchangeProperty.expired} as boolean) then 'expired in the queue'
                                      else 'gave up after ' || attempts || ' attempts' end
                                 || coalesce('; last error: ' || last_error, ''))
     where update_id = cast(:#${exchangeProperty.updateId} as uuid) and status = 'PENDING'
    returning update_id, last_error
), recorded as (
    insert into dead_letter (update_id, type, id, message, reason, status)
    values (cast(:#${exchangeProperty.updateId} as uuid), :#${exchangeProperty.type}, :#${exchangeProperty.id},
            :#${exchangeProperty.message},
            coalesce((select last_error from failed),
                     (select 'dead-lettered while ' || status || coalesce('; last error: ' || last_error, '')
                        from cache_update where update_id = cast(:#${exchangeProperty.updateId} as uuid)),
                     'dead-lettered; the update is not recorded'),
            'OPEN')
    on conflict (update_id) do update
       set message = excluded.message, reason = excluded.reason, status = 'OPEN', failed_at = now(), closed_at = null
)
select count(*) as failed from failed
