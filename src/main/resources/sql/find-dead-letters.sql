-- The open dead letters, oldest first, one page.
select coalesce(json_agg(row_to_json(page) order by page."failedAt"), '[]')::text as json
  from (select update_id as "updateId", type, id, reason, failed_at as "failedAt", message::jsonb as message
          from dead_letter
         where status = 'OPEN'
         order by failed_at, update_id
         limit cast(:#${exchangeProperty.size} as integer) offset cast(:#${exchangeProperty.offset} as bigint)) page
