select (body || jsonb_build_object('version', version, 'pendingUpdate', pending_update))::text as json,
       version,
       expires_at > now() as fresh
  from cache_entry
 where type = :#${exchangeProperty.type} and id = :#${exchangeProperty.id}
