-- Change log (issue 3): every change that reaches the cache, numbered without holes (see docs/changes.md).

-- A change as its transaction records it: appended by append_change() in the transaction that makes the
-- change, so it commits or rolls back with it. No sequence number yet: event_id only orders the events.
create table change_event (
    event_id  bigserial    primary key,
    type      varchar(32)  not null,
    id        varchar(64)  not null,
    version   bigint       not null,
    op        varchar(16)  not null,  -- REFRESHED | APPLIED | FAILED | EVICTED
    at        timestamptz  not null default clock_timestamp()
);

-- The published change log. Only the publisher writes it, one transaction at a time (it holds the counter
-- row's lock), numbering committed events consecutively after last_seq: a reader never finds a hole.
create table change_log (
    seq      bigint       primary key,
    type     varchar(32)  not null,
    id       varchar(64)  not null,
    version  bigint       not null,
    op       varchar(16)  not null,
    at       timestamptz  not null,  -- when the change was recorded (clock time, in its transaction)
    logged_at timestamptz not null default clock_timestamp()  -- when it got its number and was published
);
create index change_log_logged_at on change_log (logged_at);

-- last_seq: the highest number given; pruned_through: retention removed every change up to it.
create table change_counter (
    id             integer  primary key check (id = 1),
    last_seq       bigint   not null,
    pruned_through bigint   not null
);
insert into change_counter (id, last_seq, pruned_through) values (1, 0, 0);

-- The highest version ever logged per entry: an entry that is evicted and read again continues from it, so
-- a subscriber's "newer version" rule keeps working across evictions. One row per entry, never pruned.
create table change_key (
    type          varchar(32)  not null,
    id            varchar(64)  not null,
    last_version  bigint       not null,
    primary key (type, id)
);

-- Records a change in the calling transaction. The entry's change_key row is locked first, so two changes of
-- one entry get event ids in the order their transactions commit (the second waits for the first).
create function append_change(p_type varchar, p_id varchar, p_version bigint, p_op varchar) returns bigint
language plpgsql as $$
declare
    new_event bigint;
begin
    insert into change_key (type, id, last_version) values (p_type, p_id, p_version)
    on conflict (type, id) do update set last_version = greatest(change_key.last_version, excluded.last_version);
    insert into change_event (type, id, version, op) values (p_type, p_id, p_version, p_op)
    returning event_id into new_event;
    return new_event;
end
$$;
