-- Admin eviction: drops the entry and any "not found" memory of the key. An entry with an update on its way
-- to the back-end stays (evicting it would show the old value until the back-end has applied the update).
with evicted as (
    delete from cache_entry
     where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id} and state <> 'PENDING'
    returning 1
), forgotten as (
    delete from cache_absent where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}
    returning 1
)
select (select count(*) from evicted) + (select count(*) from forgotten) as evicted,
       exists (select 1 from cache_entry
                where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}
                  and state = 'PENDING') as pending
