-- A dead letter: its update FAILED with the reason (unless it was settled meanwhile), and the message kept
-- for support to replay or discard. Returns how many updates this failed (0 or 1). The update's row is found by its
-- primary key alone and its status tested once locked (V19__claims_by_primary_key.sql says why).
with target as (
    select update_id, status from cache_update where update_id = cast(:#${exchangeProperty.updateId} as uuid) for update
), failed as (
    update cache_update c
       set status = 'FAILED',
           last_error = coalesce(cast(:#${exchangeProperty.reason} as text),
                                 case when cast(:#${exchangeProperty.expired} as boolean) then 'expired in the queue'
                                      else 'gave up after ' || c.attempts || ' attempts' end
                                 || coalesce('; last error: ' || c.last_error, ''))
      from target t
     where c.update_id = t.update_id and t.status = 'PENDING'
    returning c.update_id, c.last_error
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
