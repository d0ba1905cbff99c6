select json_build_object(
           'updateId', update_id, 'type', type, 'id', id, 'status', status,
           'version', new_version, 'attempts', attempts, 'lastError', last_error,
           'createdAt', created_at, 'appliedAt', applied_at, 'changes', payload)::text as json
  from cache_update
 where update_id = cast(:#${exchangeProperty.updateId} as uuid)
