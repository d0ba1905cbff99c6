-- Posted transactions of the simulated accounts; ACCTINQ returns the most recent 200 of an account.
CREATE TABLE account_txn (
    account_id   varchar(10)  NOT NULL REFERENCES account (id),
    txn_id       bigint       NOT NULL,
    posted_at    timestamptz  NOT NULL,
    amount_cents bigint       NOT NULL,
    description  varchar(27)  NOT NULL,
    PRIMARY KEY (account_id, txn_id)
);

-- Deterministic history: account g has 2 * (g - 1000) transactions, so 1001 has 2 and 1100 has 200;
-- account 1100 also gets 20 older ones, which ACCTINQ leaves out (it returns the 200 most recent).
INSERT INTO account_txn (account_id, txn_id, posted_at, amount_cents, description)
SELECT g::text,
       g::bigint * 1000 + n,
       TIMESTAMPTZ '2024-01-01 00:00:00+00' + make_interval(hours => n),
       CASE WHEN n % 3 = 0 THEN ((g + n) * 7919) % 500000 ELSE -(((g::bigint * n) * 104729) % 90000) END,
       CASE WHEN n % 3 = 0 THEN 'SALARY ' || n ELSE 'CARD PAYMENT ' || n END
FROM generate_series(1001, 1100) AS g,
     LATERAL generate_series(1, CASE WHEN g = 1100 THEN 220 ELSE 2 * (g - 1000) END) AS n;
