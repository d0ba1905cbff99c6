-- The open dead letters for anyone who may read, one page, oldest first: what failed, why, when, after how many
-- attempts; not the message (the admin list has it).
select json_build_object('items', coalesce(json_agg(row_to_json(page) order by page."failedAt", page."updateId"), '[]'),
                         'page', cast(:#${exchangeProperty.page} as integer),
                         'size', cast(:#${exchangeProperty.size} as integer))::text as json
  from (select d.update_id as "updateId", d.type, d.id, d.reason, d.failed_at as "failedAt",
               coalesce(u.attempts, 0) as attempts
          from dead_letter d
          left join cache_update u on u.update_id = d.update_id
         where d.status = 'OPEN'
         order by d.failed_at, d.update_id
         limit cast(:#${exchangeProperty.size} as integer) offset cast(:#${exchangeProperty.offset} as bigint)) page
