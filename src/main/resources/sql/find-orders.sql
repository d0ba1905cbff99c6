-- One page of orders, oldest first; OUTSTANDING = not finally answered (SUBMITTED, SENT, ACCEPTED); key = the order
-- id (null = any).
select json_build_object('items', coalesce(json_agg(row_to_json(page) order by page."submittedAt"), '[]'))::text as json
  from (select order_id as "orderId", item, quantity, status, answer_seq as "answerSeq", overdue,
               submitted_at as "submittedAt", answered_at as "answeredAt"
          from customer_order
         where (cast(:#${exchangeProperty.status} as varchar) is null
                or (cast(:#${exchangeProperty.status} as varchar) = 'OUTSTANDING' and status in ('SUBMITTED', 'SENT', 'ACCEPTED'))
                or status = cast(:#${exchangeProperty.status} as varchar))
           and (cast(:#${exchangeProperty.key} as uuid) is null
                or order_id = cast(:#${exchangeProperty.key} as uuid))
         order by submitted_at
         limit cast(:#${exchangeProperty.size} as integer) offset cast(:#${exchangeProperty.offset} as bigint)) page
