-- Discard: gone from the open list; the dead letter row and an audit row stay. Returns 1, or 0 if not open.
with discarded as (
    update dead_letter set status = 'DISCARDED', closed_at = now()
     where update_id = cast(:#${exchangeProperty.updateId} as uuid) and status = 'OPEN'
    returning update_id
), audited as (
    insert into dead_letter_audit (update_id, action, actor)
    select update_id, 'DISCARD', :#${exchangeProperty.actor} from discarded
)
select count(*) as discarded from discarded
