-- Cheap check outside any transaction: is there anything to publish?
select exists (select 1 from change_log where seq > (select last_seq from change_publisher where id = 1)) as pending
