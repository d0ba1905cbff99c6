-- The changes after a sequence number, in order, and whether retention already removed some of those.
with page as (
    select seq, type, id, version, op, at
      from change_log
     where seq > cast(:#${exchangeProperty.after} as bigint)
     order by seq
     limit cast(:#${exchangeProperty.limit} as integer)
)
select c.pruned_through > cast(:#${exchangeProperty.after} as bigint) as gone,
       c.pruned_through as pruned_through,
       json_build_object('after', cast(:#${exchangeProperty.after} as bigint),
                         'next', coalesce((select max(seq) from page), cast(:#${exchangeProperty.after} as bigint)),
                         'latest', c.last_seq,
                         'items', coalesce((select json_agg(row_to_json(page) order by page.seq) from page), '[]'))::text
           as json
  from change_counter c
 where c.id = 1
