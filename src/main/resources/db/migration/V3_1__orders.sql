-- Call-back orders (issue 3): submitted at once, answered later (and out of order) by the back-end.
create table customer_order (
    order_id      uuid         primary key,
    item          varchar(20)  not null,
    quantity      integer      not null,
    status        varchar(16)  not null,  -- SUBMITTED | SENT | ACCEPTED | SHIPPED | REJECTED
    answer_seq    integer      not null default 0,  -- the sequence of the answer the status comes from
    overdue       boolean      not null default false,
    last_error    text,
    submitted_at  timestamptz  not null default now(),
    answered_at   timestamptz
);
create index customer_order_outstanding on customer_order (submitted_at) where status in ('SUBMITTED', 'SENT', 'ACCEPTED');
