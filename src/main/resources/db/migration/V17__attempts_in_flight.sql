-- Whether a delivery attempt may have reached the back-end, judged by the error recorded for it (issue 17): one
-- that timed out or lost its connection may have (the back-end carries out a call its caller gave up on, and may
-- still be carrying it out), and so may one that never recorded its end (a crash during the call; or its failure
-- is not written yet). An attempt the back-end answered with an error (region down, abend), or that failed before
-- calling it, did not, and is over. Used by the delivery (DeliveryAttempts) and the dead-letter route.
create function attempt_may_have_reached(error text) returns boolean
    language sql immutable
as $$
    select error is null
        or error ilike '%timeout%' or error ilike '%timed out%'
        or error ilike '%reset%' or error ilike '%SocketException%'
        or error ilike '%IOException%' or error ilike '%NoHttpResponse%'
$$;
