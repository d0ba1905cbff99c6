-- One page of updates in acceptance order, filtered by status, type and key (the entry's id) (null = any).
select json_build_object('items', coalesce(json_agg(row_to_json(page) order by page.seq), '[]'),
                         'page', cast(:#${exchangeProperty.page} as integer),
                         'size', cast(:#${exchangeProperty.size} as integer))::text as json
  from (select accepted_seq as seq, update_id as "updateId", type, id, status, new_version as version,
               attempts, last_error as "lastError", created_at as "createdAt", applied_at as "appliedAt"
          from cache_update
         where (cast(:#${exchangeProperty.status} as varchar) is null
                or status = cast(:#${exchangeProperty.status} as varchar))
           and (cast(:#${exchangeProperty.type} as varchar) is null
                or type = cast(:#${exchangeProperty.type} as varchar))
           and (cast(:#${exchangeProperty.key} as varchar) is null
                or id = cast(:#${exchangeProperty.key} as varchar))
         order by accepted_seq
         limit cast(:#${exchangeProperty.size} as integer) offset cast(:#${exchangeProperty.offset} as bigint)) page
