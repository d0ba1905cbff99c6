-- Prepared branches of this database older than the warning age (PostgreSQL lists every database's).
select gid, prepared, owner
  from pg_prepared_xacts
 where database = current_database()
   and prepared < now() - make_interval(secs => cast(:#warnAfterSeconds as integer))
 order by prepared
