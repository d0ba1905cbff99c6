-- Deterministic demo accounts 1001..1100 (account 9999 deliberately never exists).
-- Tests that change these accounts restore them with the same expressions.
INSERT INTO account (id, name, address, phone, balance_cents, currency, status, last_update_token, updated_at)
SELECT g::text,
       'ACCOUNT HOLDER ' || g,
       g || ' MAIN STREET, SPRINGFIELD',
       '+1-555-010-' || g,
       ((g - 1000) * 123457) % 10000000,
       'EUR',
       'A',
       NULL,
       TIMESTAMPTZ '2024-01-01 00:00:00+00'
FROM generate_series(1001, 1100) AS g;
