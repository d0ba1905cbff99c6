-- Retention: removes the changes older than the age bound or beyond the count bound, and records how far it
-- removed (requests for older changes then get 410).
with bound as (
    select greatest(coalesce((select max(seq) from change_log
                               where logged_at < now() - make_interval(secs => cast(:#${exchangeProperty.maxAgeSeconds} as integer))), 0),
                    (select last_seq from change_counter where id = 1) - cast(:#${exchangeProperty.maxCount} as bigint)) as through
), pruned as (
    delete from change_log where seq <= (select through from bound)
)
update change_counter set pruned_through = (select through from bound)
 where id = 1 and (select through from bound) > pruned_through
