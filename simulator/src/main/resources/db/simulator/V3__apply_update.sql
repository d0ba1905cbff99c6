-- The program's update in one call (one round trip, one statement's transaction): it was five statements and a commit,
-- six round trips, which on a machine shared with midtier cost the database and the simulator twice the CPU per call
-- (docs/BENCHMARKS.md, stop 39).
-- Same steps, same locks: updates carrying the same token are serialised even on different accounts (so duplicate
-- detection is exact), the account's row is locked by its update, and the update is recorded, a duplicate too (the
-- program is not idempotent). Returns APPLIED, APPLIED_DUPLICATE or NOT_FOUND (nothing changed).
CREATE FUNCTION simulator.apply_update(p_token varchar, p_account_id varchar, p_name varchar, p_address varchar,
                                       p_phone varchar)
RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    seen boolean;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(p_token));
    UPDATE simulator.account
       SET name = p_name, address = p_address, phone = p_phone, last_update_token = p_token, updated_at = now()
     WHERE id = p_account_id;
    IF NOT FOUND THEN
        RETURN 'NOT_FOUND';
    END IF;
    seen := EXISTS (SELECT 1 FROM simulator.applied_update WHERE token = p_token);
    INSERT INTO simulator.applied_update (token, account_id, name, address, phone, applied_at, duplicate)
    VALUES (p_token, p_account_id, p_name, p_address, p_phone, now(), seen);
    RETURN CASE WHEN seen THEN 'APPLIED_DUPLICATE' ELSE 'APPLIED' END;
END
$$;
