update customer_order set status = :#${exchangeProperty.orderStatus}, last_error = :#${exchangeProperty.orderError}
 where order_id = cast(:#${exchangeProperty.orderId} as uuid) and status = 'SUBMITTED'
