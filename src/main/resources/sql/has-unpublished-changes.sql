-- Cheap check outside any transaction: is there a committed change waiting for its number?
select exists (select 1 from change_event) as pending
