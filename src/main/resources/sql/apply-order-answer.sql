-- An answer changes the order only when it is newer (by the answer's own sequence) than the one the status
-- comes from: an older answer arriving late does not overwrite a newer one. The change is logged with it.
with answered as (
    update customer_order
       set status = :#${exchangeProperty.answerStatus}, answer_seq = :#${exchangeProperty.answerSeq},
           answered_at = now(), overdue = false
     where order_id = cast(:#${exchangeProperty.orderId} as uuid)
       and answer_seq < :#${exchangeProperty.answerSeq}
    returning order_id, answer_seq
)
select append_change('orders', order_id::text, answer_seq, 'ANSWERED') as event from answered
