-- Admin eviction: drops the entry and any "not found" memory of the key. An entry with an update on its way
-- to the back-end stays (evicting it would show the old value until the back-end has applied the update).
with evicted as (
    delete from cache_entry
     where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id} and state <> 'PENDING'
    returning 1
), logged as (
    -- change log (issue 3): the eviction is a change, one version above the last logged
    select append_change(:#${exchangeProperty.type}, :#${exchangeProperty.id},
                         coalesce((select last_version from change_key
                                    where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}), 0) + 1,
                         'EVICTED')
      from evicted
), forgotten as (
    delete from cache_absent where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}
    returning 1
)
select (select count(*) from evicted) + (select count(*) from forgotten) as evicted,
       (select count(*) from logged) as logged,
       exists (select 1 from cache_entry
                where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}
                  and state = 'PENDING') as pending
