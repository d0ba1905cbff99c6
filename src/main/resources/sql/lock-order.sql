-- The order a delivery is about, locked for it (an answer waits until the delivery has committed).
select order_id, item, quantity, status from customer_order
 where order_id = cast(:#${exchangeProperty.orderId} as uuid) for update
