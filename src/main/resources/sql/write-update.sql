-- The dual-write's one statement, in its XA transaction (io.midtier.api.UpdateWrites runs it over JDBC): the cache
-- row takes the patch (version + 1, PENDING) only where If-Match allows it, and with it the update row and, when the
-- request carried an Idempotency-Key, the key's first response are recorded. A concurrent repeat of the key waits on
-- the key and then fails on it (the caller answers with the winner's response).
-- The entry is written as the cache holds it: unless require_fresh is false (it was just read through), only a
-- fresh row is written; otherwise nothing is, and the caller reads the entry through first.
-- Always one row: whether a fresh row was there, and for a write the new version, the 202's body and the
-- entry's updatable fields (what the update message carries).
-- Parameters: type, id, patch (JSON), update id, expected version (null: any), idempotency key, request hash
-- (both null without a key), require_fresh.
with p (type, id, patch, update_id, expected_version, idempotency_key, request_hash, require_fresh) as (
    select cast(? as varchar), cast(? as varchar), cast(? as jsonb), cast(? as uuid), cast(? as bigint),
           cast(? as varchar), cast(? as varchar), cast(? as boolean)
), cached as (
    select 1
      from cache_entry c, p
     where c.type = p.type and c.id = p.id
       and (not p.require_fresh or (c.expires_at > now() and c.transactions is not null))
), changed as (
    update cache_entry c
       set body = c.body || p.patch, version = c.version + 1, state = 'PENDING', pending_update = p.update_id
      from p
     where c.type = p.type and c.id = p.id
       and (not p.require_fresh or (c.expires_at > now() and c.transactions is not null))
       and (p.expected_version is null or c.version = p.expected_version)
    returning c.version, c.body
), response as (
    -- row_to_json writes compact JSON in column order: the same bytes the 202 always had (clients and the
    -- reliability harness read it as such); json_build_object would put spaces around every colon
    select w.version, w.body as entry,
           (select row_to_json(b)::text
              from (select p.update_id as "updateId", 'PENDING' as status, w.version as version,
                           '/api/updates/' || p.update_id as location) b) as body
      from changed w, p
), recorded as (
    insert into cache_update (update_id, type, id, payload, base_version, new_version, status)
    select p.update_id, p.type, p.id, p.patch, r.version - 1, r.version, 'PENDING' from response r, p
), remembered as (
    insert into idempotent_request (idempotency_key, request_hash, status, location, body)
    select p.idempotency_key, p.request_hash, 202, '/api/updates/' || p.update_id, r.body
      from response r, p
     where p.idempotency_key is not null
)
select exists (select 1 from cached) as cached, r.version as new_version, r.body as response,
       r.entry ->> 'name' as name, r.entry ->> 'address' as address, r.entry ->> 'phone' as phone
  from (select 1) as one
  left join response r on true
