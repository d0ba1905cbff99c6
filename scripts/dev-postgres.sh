#!/usr/bin/env bash
# Prepares the local development PostgreSQL for midtier: starts it if it is stopped, and enables prepared
# transactions (XA needs max_prepared_transactions > 0; the default is 0), restarting it if it had to.
# Only for a local cluster this user may reconfigure: against any other server midtier itself refuses to
# start with a message naming the setting.
set -euo pipefail

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
PGDATABASE="${PGDATABASE:-test}"
# midtier's pool (16) times the instances a developer or the tests run at once, with room to spare
WANTED="${MIDTIER_MAX_PREPARED_TRANSACTIONS:-100}"
export PGHOST PGPORT PGUSER PGDATABASE

say() { printf 'dev-postgres: %s\n' "$*"; }

cluster_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1; }

ctl() {
    local version
    version="$(cluster_version)"
    if [ -z "$version" ] || ! command -v pg_ctlcluster >/dev/null; then
        say "no local Debian PostgreSQL cluster found; start PostgreSQL yourself and set max_prepared_transactions >= $WANTED"
        exit 1
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main "$1"
}

wait_ready() {
    for _ in $(seq 1 60); do
        if pg_isready -q; then return 0; fi
        sleep 0.5
    done
    say "PostgreSQL at $PGHOST:$PGPORT did not become ready"
    exit 1
}

if ! pg_isready -q; then
    say "PostgreSQL is not running at $PGHOST:$PGPORT; starting the local cluster"
    ctl start
    wait_ready
fi

current="$(psql -XAtq -c 'show max_prepared_transactions')"
if [ "$current" -lt "$WANTED" ]; then
    say "max_prepared_transactions is $current; setting it to $WANTED and restarting PostgreSQL"
    psql -XAtq -c "alter system set max_prepared_transactions = $WANTED"
    ctl restart
    wait_ready
    current="$(psql -XAtq -c 'show max_prepared_transactions')"
fi
say "PostgreSQL ready at $PGHOST:$PGPORT (max_prepared_transactions = $current)"

# the back-end simulator's own database (never midtier's: a fault of midtier's database is not a back-end fault)
SIMULATOR_DATABASE="${SIMULATOR_DATABASE:-backend_simulator}"
if [ "$(psql -XAtq -c "select count(*) from pg_database where datname = '$SIMULATOR_DATABASE'")" = "0" ]; then
    psql -XAtq -c "create database $SIMULATOR_DATABASE"
    say "created the simulator's database $SIMULATOR_DATABASE"
fi
