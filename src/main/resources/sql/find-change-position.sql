select json_build_object('latest', last_seq, 'prunedThrough', pruned_through)::text as json
  from change_counter where id = 1
