-- Delivery (issue 6): acceptance order, delivery attempts, dead letters, idempotent requests.

-- The order in which updates were accepted. Taken when the update row is inserted, i.e. while the dual-write
-- transaction holds the cache row's lock, so for one key it is exactly the acceptance order.
alter table cache_update add column accepted_seq bigint generated always as identity;
alter table cache_update add column last_attempt_at timestamptz;
create index cache_update_key_order on cache_update (type, id, accepted_seq) where status = 'PENDING';

-- Every delivery attempt of an update, written outside the delivery transaction (so a rollback keeps it):
-- support sees when each attempt started and why it failed.
create table delivery_attempt (
    update_id   uuid         not null references cache_update (update_id),
    attempt     integer      not null,
    started_at  timestamptz  not null default now(),
    error       text,
    primary key (update_id, attempt)
);

-- Updates that reached the dead-letter queue, with the message as it was, for support to replay or discard.
create table dead_letter (
    update_id    uuid         primary key,
    type         varchar(32)  not null,
    id           varchar(64)  not null,
    message      text         not null,
    reason       text         not null,
    status       varchar(16)  not null,  -- OPEN | REPLAYED | DISCARDED
    failed_at    timestamptz  not null default now(),
    closed_at    timestamptz
);
create index dead_letter_open on dead_letter (status, failed_at);

-- What support did with dead letters; rows are never deleted.
create table dead_letter_audit (
    seq        bigserial    primary key,
    update_id  uuid         not null,
    action     varchar(16)  not null,  -- REPLAY | DISCARD
    actor      varchar(128),
    at         timestamptz  not null default now()
);

-- Idempotency-Key: the first response to a key is kept and returned for every repeat.
create table idempotent_request (
    idempotency_key varchar(200) primary key,
    request_hash    varchar(64)  not null,
    status          integer      not null,
    location        varchar(200),
    body            text         not null,
    created_at      timestamptz  not null default now()
);
