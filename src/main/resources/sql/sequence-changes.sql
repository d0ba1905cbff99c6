-- The publisher's step, in its XA transaction with the topic sends: the committed change events get the next
-- sequence numbers (in event order), move to the change log, and are returned for publishing. The counter row
-- is locked (SKIP LOCKED: if another instance is publishing, this one skips its turn), so one transaction at
-- a time numbers changes, always right after the last committed number: the log has no holes.
-- Only the events this statement itself deleted are numbered. Its snapshot may be older than its counter lock:
-- another instance's publisher can commit in between, and the lock then returns that commit's counter, while the
-- snapshot still shows the events it moved. Reading them (as this statement once did) logged them twice; the
-- DELETE skips a row a committed transaction deleted after the snapshot (READ COMMITTED), so RETURNING holds
-- exactly the events not numbered yet (ConcurrentSequencingTest).
with counter as (
    select last_seq from change_counter where id = 1 for update skip locked
), picked as (
    select event_id from change_event
     where exists (select 1 from counter)
     order by event_id
     limit cast(:#${exchangeProperty.batch} as integer)
), moved as (
    delete from change_event where event_id in (select event_id from picked)
    returning event_id, type, id, version, op, at
), batch as (
    select m.event_id, m.type, m.id, m.version, m.op, m.at,
           c.last_seq + row_number() over (order by m.event_id) as seq
      from moved m, counter c
), logged as (
    insert into change_log (seq, type, id, version, op, at) select seq, type, id, version, op, at from batch
), counted as (
    update change_counter set last_seq = (select max(seq) from batch)
     where id = 1 and exists (select 1 from batch)
)
select seq, type, id, version, op, at from batch order by seq
