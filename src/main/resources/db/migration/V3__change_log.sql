-- Change log (issue 3): every change that reaches the cache, numbered without holes (see docs/changes.md).

-- The one counter row. append_change() takes its row lock, which the transaction holds until it commits:
-- the next append waits until this one has committed (or rolled back, and then reuses the number), so a
-- number becomes visible only after every smaller one. pruned_through: retention removed every change up to it.
create table change_counter (
    id             integer  primary key check (id = 1),
    last_seq       bigint   not null,
    pruned_through bigint   not null
);
insert into change_counter (id, last_seq, pruned_through) values (1, 0, 0);

create table change_log (
    seq      bigint       primary key,
    type     varchar(32)  not null,
    id       varchar(64)  not null,
    version  bigint       not null,
    op       varchar(16)  not null,  -- REFRESHED | APPLIED | FAILED | EVICTED | ORDER
    -- clock time of the append (the last statement of its transaction), not the transaction's start
    at       timestamptz  not null default clock_timestamp()
);
create index change_log_at on change_log (at);

-- The highest version ever logged per entry: an entry that is evicted and read again continues from it, so
-- a subscriber's "newer version" rule keeps working across evictions. One row per entry, never pruned.
create table change_key (
    type          varchar(32)  not null,
    id            varchar(64)  not null,
    last_version  bigint       not null,
    primary key (type, id)
);

-- How far the change log has been published on the topic (one row; the publisher locks it, so only one
-- midtier instance publishes at a time).
create table change_publisher (
    id        integer  primary key check (id = 1),
    last_seq  bigint   not null
);
insert into change_publisher (id, last_seq) values (1, 0);

-- Appends one change and returns its sequence number. Call it as the LAST statement of the transaction that
-- makes the change (the counter stays locked until that transaction ends).
create function append_change(p_type varchar, p_id varchar, p_version bigint, p_op varchar) returns bigint
language plpgsql as $$
declare
    next_seq bigint;
begin
    update change_counter set last_seq = last_seq + 1 where id = 1 returning last_seq into next_seq;
    insert into change_log (seq, type, id, version, op) values (next_seq, p_type, p_id, p_version, p_op);
    insert into change_key (type, id, last_version) values (p_type, p_id, p_version)
    on conflict (type, id) do update set last_version = greatest(change_key.last_version, excluded.last_version);
    return next_seq;
end
$$;
