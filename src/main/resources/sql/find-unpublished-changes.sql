-- The next changes to publish on the topic, in sequence order. The publisher's row is locked for the
-- transaction (SKIP LOCKED: another instance publishing right now makes this one skip its turn).
with publisher as (
    select last_seq from change_publisher where id = 1 for update skip locked
)
select l.seq, l.type, l.id, l.version, l.op, l.at
  from change_log l, publisher p
 where l.seq > p.last_seq
 order by l.seq
 limit cast(:#${exchangeProperty.batch} as integer)
