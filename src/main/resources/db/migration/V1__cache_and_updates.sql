-- The SQL cache: one row per front-end entity, in the format the front-end shows.
create table cache_entry (
    type           varchar(32)  not null,
    id             varchar(64)  not null,
    body           jsonb        not null,
    version        bigint       not null,
    state          varchar(16)  not null default 'FRESH',  -- FRESH | PENDING (an update is on its way to the back-end)
    fetched_at     timestamptz  not null,
    expires_at     timestamptz  not null,
    pending_update uuid,
    primary key (type, id)
);

-- Every accepted update, from acceptance to its end at the back-end.
create table cache_update (
    update_id    uuid         primary key,
    type         varchar(32)  not null,
    id           varchar(64)  not null,
    payload      jsonb        not null,
    base_version bigint       not null,
    new_version  bigint       not null,
    status       varchar(16)  not null,  -- PENDING | APPLIED | FAILED
    attempts     integer      not null default 0,
    last_error   text,
    created_at   timestamptz  not null default now(),
    applied_at   timestamptz
);
create index cache_update_status on cache_update (status, type, created_at);
create index cache_update_key on cache_update (type, id, created_at);

-- Idempotent consumer: an update id recorded here has had its effect at the back-end.
create table processed_message (
    id           uuid         primary key,
    processed_at timestamptz  not null default now()
);
