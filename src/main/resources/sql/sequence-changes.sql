-- The publisher's step, in its XA transaction with the topic sends: the committed change events get the next
-- sequence numbers (in event order), move to the change log, and are returned for publishing. The counter row
-- is locked (SKIP LOCKED: if another instance is publishing, this one skips its turn), so one transaction at
-- a time numbers changes, always right after the last committed number: the log has no holes.
with counter as (
    select last_seq from change_counter where id = 1 for update skip locked
), batch as (
    select e.event_id, e.type, e.id, e.version, e.op, e.at,
           c.last_seq + row_number() over (order by e.event_id) as seq
      from (select * from change_event order by event_id
             limit cast(:#${exchangeProperty.batch} as integer)) e,
           counter c
), moved as (
    delete from change_event where event_id in (select event_id from batch)
), logged as (
    insert into change_log (seq, type, id, version, op, at) select seq, type, id, version, op, at from batch
), counted as (
    update change_counter set last_seq = (select max(seq) from batch)
     where id = 1 and exists (select 1 from batch)
)
select seq, type, id, version, op, at from batch order by seq
