-- State of the simulated mainframe program; lives in its own schema so it never mixes with the mid-tier's tables.
CREATE TABLE account (
    id                varchar(10)  PRIMARY KEY,
    name              varchar(40)  NOT NULL,
    address           varchar(60)  NOT NULL,
    phone             varchar(20)  NOT NULL,
    balance_cents     bigint       NOT NULL,
    currency          char(3)      NOT NULL,
    status            char(1)      NOT NULL CHECK (status IN ('A', 'C')),
    last_update_token varchar(36),
    updated_at        timestamptz  NOT NULL DEFAULT now()
);

-- Every update the program applied, in apply order; duplicates are kept because the program is not idempotent.
CREATE TABLE applied_update (
    seq        bigserial    PRIMARY KEY,
    token      varchar(36)  NOT NULL,
    account_id varchar(10)  NOT NULL REFERENCES account (id),
    name       varchar(40)  NOT NULL,
    address    varchar(60)  NOT NULL,
    phone      varchar(20)  NOT NULL,
    applied_at timestamptz  NOT NULL DEFAULT now(),
    duplicate  boolean      NOT NULL
);

CREATE INDEX applied_update_token_idx ON applied_update (token);
CREATE INDEX applied_update_account_idx ON applied_update (account_id, seq);
