-- Read path (issue 2): the inquiry's transactions live with the entry they came with, so every page of them
-- is served from the one cached back-end answer.
alter table cache_entry add column transactions jsonb;

-- Negative cache: the back-end said "not found"; asked again only after expires_at.
create table cache_absent (
    type       varchar(32)  not null,
    id         varchar(64)  not null,
    expires_at timestamptz  not null,
    primary key (type, id)
);
