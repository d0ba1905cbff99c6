-- Orders the back-end has not answered at all within the configured time are flagged for users and support.
update customer_order set overdue = true
 where status in ('SUBMITTED', 'SENT') and not overdue
   and submitted_at < now() - make_interval(secs => cast(:#${exchangeProperty.overdueSeconds} as double precision))
