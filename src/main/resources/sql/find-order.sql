select json_build_object('orderId', order_id, 'item', item, 'quantity', quantity, 'status', status,
                         'answerSeq', answer_seq, 'overdue', overdue, 'lastError', last_error,
                         'submittedAt', submitted_at, 'answeredAt', answered_at)::text as json
  from customer_order where order_id = cast(:#${exchangeProperty.orderId} as uuid)
