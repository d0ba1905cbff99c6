-- One page of the transactions cached with the entry (most recent first) and how many there are.
select coalesce(jsonb_array_length(e.transactions), 0) as total,
       coalesce((select jsonb_agg(t.value order by t.ord)
                   from jsonb_array_elements(e.transactions) with ordinality as t(value, ord)
                  where t.ord > cast(:#${exchangeProperty.offset} as bigint)
                    and t.ord <= cast(:#${exchangeProperty.offset} as bigint) + cast(:#${exchangeProperty.size} as bigint)),
                '[]'::jsonb)::text as items
  from cache_entry as e
 where e.type = :#${exchangeProperty.type} and e.id = :#${exchangeProperty.id}
