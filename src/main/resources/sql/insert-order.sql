insert into customer_order (order_id, item, quantity, status)
values (cast(:#${exchangeProperty.orderId} as uuid), :#${exchangeProperty.item}, :#${exchangeProperty.quantity}, 'SUBMITTED')
