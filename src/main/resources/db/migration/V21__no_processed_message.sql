-- processed_message was the idempotent consumer's record of the XA delivery (V1): an update id there had had its
-- effect at the back-end. Since the delivery by claim (V18) the update's own status and attempts say that, and
-- nothing has read the table since; the settle still added a row per applied update (a heap and a primary-key
-- insert on a random uuid, two of the settle's WAL records) to a table nothing trimmed. The settle of a PENDING
-- update (V19's function, renamed settle_pending by V20) without it; otherwise unchanged.

create or replace function settle_pending(p_update uuid)
    returns table (seq bigint, key text, next_update_id text, next_version bigint, next_message text,
                   next_schema_version integer)
    language plpgsql volatile
as $$
#variable_conflict use_column
declare
    current_status text;
begin
    -- The row lock first, by the update's key alone (V19): a claim parking a newer update behind this one (it holds
    -- a share lock on this row) has committed before the next statement starts, so its park is seen there.
    select cast(c.status as text) into current_status from cache_update c where c.update_id = p_update for update;
    if current_status is distinct from 'PENDING' then
        return;
    end if;
    return query
    with applied as (
        update cache_update c
           set status = 'APPLIED', applied_at = clock_timestamp(), last_error = null
         where c.update_id = p_update
        returning c.type, c.id, c.update_id, c.new_version, c.accepted_seq
    ), settled as (
        update cache_entry e
           set state = case when e.pending_update = a.update_id then 'FRESH' else e.state end,
               expires_at = case when e.pending_update is null then least(e.expires_at, now()) else e.expires_at end,
               pending_update = case when e.pending_update = a.update_id then null else e.pending_update end
          from applied a
         where e.type = a.type and e.id = a.id and (e.pending_update = a.update_id or e.pending_update is null)
    ), next_parked as (
        -- the entry's next pending update, if its message is parked (this update still reads as PENDING here)
        select n.update_id, n.new_version, n.parked_message, n.parked_schema_version
          from applied a
          join lateral (select o.update_id, o.new_version, o.parked_message, o.parked_schema_version
                          from cache_update o
                         where o.type = a.type and o.id = a.id and o.status = 'PENDING' and o.update_id <> a.update_id
                         order by o.accepted_seq
                         limit 1) n on true
         where n.parked_message is not null
    )
    -- (a plain WITH query runs only as far as it is read: the change is appended here, in the outer select)
    select append_change(a.type, a.id, a.new_version, 'APPLIED'), a.type || ':' || a.id,
           cast(n.update_id as text), n.new_version, n.parked_message, n.parked_schema_version
      from applied a left join next_parked n on true;
end
$$;

drop table processed_message;
