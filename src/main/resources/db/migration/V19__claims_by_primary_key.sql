-- The delivery's claim and settle (V18) find the update's own row by its primary key alone, and read its status
-- once the row is locked. With "and status = 'PENDING'" in that lookup the planner could take the pending updates'
-- partial index (cache_update_key_order) instead of the primary key: the index looks cheaper while few updates are
-- pending, and a pooled connection keeps the plan it made then (a function's generic plan). Once a backlog built
-- up, every claim and every settle read the whole pending index: a drain cost as much per update as the backlog
-- was long (3,000 index entries per claim in the bench's drain), quadratic in all. The other statements keep their
-- shape (DeliveryClaimsTest has the case); V18 says what each step means.

create or replace function claim_delivery(p_update uuid, p_message text, p_schema_version integer, p_call_window_ms bigint)
    returns table (step text, status text, type text, id text, attempt integer, wait_ms bigint, key text,
                   next_update_id text, next_version bigint, next_message text, next_schema_version integer)
    language plpgsql volatile
as $$
#variable_conflict use_column
declare
    u record;
    waiting bigint;
    counted integer;
    behind boolean;
begin
    -- (text: the function's columns are text, the table's varchar)
    select cast(c.status as text) as status, cast(c.type as text) as type, cast(c.id as text) as id, c.accepted_seq
      into u from cache_update c where c.update_id = p_update;
    if not found then
        return query select 'NOT_RECORDED', null::text, null::text, null::text, null::integer, 0::bigint,
                            null::text, null::text, null::bigint, null::text, null::integer;
        return;
    end if;
    if u.status = 'PENDING' then
        -- Share locks on the older pending updates of the entry: a settle of one of them under way is waited for,
        -- and a settled one no longer counts; a settle that starts after this statement waits for this claim's
        -- commit (settle_applied locks its row first) and then sees the park.
        perform 1 from cache_update o
          where o.type = u.type and o.id = u.id and o.status = 'PENDING' and o.accepted_seq < u.accepted_seq
            for share;
        behind := found;
        -- The update's own row, locked by its key alone and its status read under the lock (see the top). Two
        -- deliveries of one update (a copy sent again) claim one after the other: the second sees the first's
        -- attempt, which may still be running, and waits.
        select cast(c.status as text) into u.status from cache_update c where c.update_id = p_update for update;
        if u.status = 'PENDING' and behind then
            update cache_update c set parked_message = p_message, parked_schema_version = p_schema_version
             where c.update_id = p_update;
            return query select 'PARK', 'PENDING', u.type, u.id, null::integer, 0::bigint,
                                null::text, null::text, null::bigint, null::text, null::integer;
            return;
        end if;
        if u.status = 'PENDING' then
            select coalesce(greatest(0, ceil(extract(epoch from max(a.started_at)
                                                                + p_call_window_ms * interval '1 millisecond'
                                                                - clock_timestamp()) * 1000)), 0)
              into waiting
              from delivery_attempt a
             where a.update_id = p_update and attempt_may_have_reached(a.error);
            if waiting > 0 then
                return query select 'WAIT', 'PENDING', u.type, u.id, null::integer, waiting,
                                    null::text, null::text, null::bigint, null::text, null::integer;
                return;
            end if;
            -- its message is in this delivery's hands now: no longer parked
            update cache_update c
               set attempts = c.attempts + 1, last_attempt_at = now(),
                   parked_message = null, parked_schema_version = null
             where c.update_id = p_update
            returning c.attempts into counted;
            insert into delivery_attempt (update_id, attempt) values (p_update, counted);
            return query select 'DELIVER', 'PENDING', u.type, u.id, counted, 0::bigint,
                                null::text, null::text, null::bigint, null::text, null::integer;
            return;
        end if;
        -- settled while this claim waited for a lock: u.status is its status now
    end if;
    return query
        select 'SETTLED', u.status, u.type, u.id, null::integer, 0::bigint, u.type || ':' || u.id,
               cast(n.update_id as text), n.new_version, n.parked_message, n.parked_schema_version
          from (select 1) one
          left join lateral (select o.update_id, o.new_version, o.parked_message, o.parked_schema_version
                               from cache_update o
                              where u.status = 'APPLIED'
                                and o.type = u.type and o.id = u.id and o.status = 'PENDING'
                              order by o.accepted_seq
                              limit 1) n on n.parked_message is not null;
end
$$;

create or replace function settle_applied(p_update uuid)
    returns table (seq bigint, key text, next_update_id text, next_version bigint, next_message text,
                   next_schema_version integer)
    language plpgsql volatile
as $$
#variable_conflict use_column
declare
    current_status text;
begin
    -- The row lock first, by the update's key alone (see the top): a claim parking a newer update behind this one
    -- (it holds a share lock on this row) has committed before the next statement starts, so its park is seen there.
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
    ), remembered as (
        insert into processed_message (id) select a.update_id from applied a
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
