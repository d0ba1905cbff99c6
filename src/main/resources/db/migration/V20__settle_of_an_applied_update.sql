-- settle_applied of an update that is APPLIED already returns the entry's next update if its message is parked, as a
-- SETTLED claim does (V18). Two deliveries can reach the settle of one update: a copy redelivered after a broker
-- failover while the first was still at the back-end, or a second attempt counted after the first one's call window.
-- The first settle returns the parked next update and its delivery sends it again; if that delivery's process dies
-- before the send reaches the broker, the second settle is the last chance to send it. It returned no row: its
-- message was acknowledged, the next update stayed parked and its entry stood still. Sending a parked update twice
-- is safe (its claims serialise on its row lock; the second finds it claimed or settled).
--
-- V19's function, unchanged, settles a PENDING update under its new name; settle_applied calls it and, when it
-- settled nothing, answers for an APPLIED update whose next update is parked with a row whose seq is null (nothing
-- appended: the change publisher is not woken).

alter function settle_applied(uuid) rename to settle_pending;

create function settle_applied(p_update uuid)
    returns table (seq bigint, key text, next_update_id text, next_version bigint, next_message text,
                   next_schema_version integer)
    language plpgsql volatile
as $$
#variable_conflict use_column
declare
    u record;
begin
    return query select * from settle_pending(p_update);
    if found then
        return;
    end if;
    -- not PENDING: settle_pending holds the update's row lock until this transaction ends, so its status stands
    select cast(c.status as text) as status, cast(c.type as text) as type, cast(c.id as text) as id
      into u from cache_update c where c.update_id = p_update;
    if u.status is distinct from 'APPLIED' then
        return;
    end if;
    -- the entry's oldest pending update, if its message is parked
    return query
        select null::bigint, u.type || ':' || u.id,
               cast(n.update_id as text), n.new_version, n.parked_message, n.parked_schema_version
          from (select o.update_id, o.new_version, o.parked_message, o.parked_schema_version
                  from cache_update o
                 where o.type = u.type and o.id = u.id and o.status = 'PENDING'
                 order by o.accepted_seq
                 limit 1) n
         where n.parked_message is not null;
end
$$;
