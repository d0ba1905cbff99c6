#!/usr/bin/env bash
# Prepares the local development PostgreSQL for midtier: starts it if it is stopped, enables prepared
# transactions (XA needs max_prepared_transactions > 0; the default is 0) and sizes its shared buffers for the
# bench, restarting it if it had to.
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

# shared buffers that hold bench/run.sh's million cached entries (~330 MB with their indexes): with the default
# 128 MB its cost-growth row measured PostgreSQL reading pages back from the kernel, not midtier's own cost
BUFFERS_MB="${MIDTIER_SHARED_BUFFERS_MB:-1024}"
current="$(psql -XAtq -c 'show max_prepared_transactions')"
buffers_mb="$(psql -XAtq -c "select setting::bigint * 8 / 1024 from pg_settings where name = 'shared_buffers'")"
if [ "$current" -lt "$WANTED" ] || [ "$buffers_mb" -lt "$BUFFERS_MB" ]; then
    say "max_prepared_transactions is $current, shared_buffers ${buffers_mb} MB; raising them to $WANTED and" \
        "${BUFFERS_MB} MB and restarting PostgreSQL"
    # each only raised: a cluster set higher keeps its value
    if [ "$current" -lt "$WANTED" ]; then
        psql -XAtq -c "alter system set max_prepared_transactions = $WANTED"
    fi
    if [ "$buffers_mb" -lt "$BUFFERS_MB" ]; then
        psql -XAtq -c "alter system set shared_buffers = '${BUFFERS_MB}MB'"
    fi
    ctl restart
    wait_ready
    current="$(psql -XAtq -c 'show max_prepared_transactions')"
fi
say "PostgreSQL ready at $PGHOST:$PGPORT (max_prepared_transactions = $current," \
    "shared_buffers = $(psql -XAtq -c 'show shared_buffers'))"

# the back-end simulator's own database (never midtier's: a fault of midtier's database is not a back-end fault)
SIMULATOR_DATABASE="${SIMULATOR_DATABASE:-backend_simulator}"
if [ "$(psql -XAtq -c "select count(*) from pg_database where datname = '$SIMULATOR_DATABASE'")" = "0" ]; then
    psql -XAtq -c "create database $SIMULATOR_DATABASE"
    say "created the simulator's database $SIMULATOR_DATABASE"
fi
