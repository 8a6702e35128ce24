#!/usr/bin/env bash
# Shared helpers for run.sh, test.sh and db.sh: install what is missing, manage a PostgreSQL cluster.
# Sourced, not executed.

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADDIN_DIR="$ROOT_DIR/src/Clauses.AddIn"

log() { printf '\033[1;34m[clauses]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[clauses]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# free_port START: the first port from START on that nothing listens to on 127.0.0.1.
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

ensure_postgres() {
  if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
    apt_install postgresql
    # The Debian package starts its own cluster on 5432; we run our own clusters, so stop it.
    as_root service postgresql stop >/dev/null 2>&1 || true
  fi
  PGBIN="$(pg_bin)"
  [ -x "$PGBIN/initdb" ] || die "PostgreSQL n'a pas pu être installé (initdb introuvable)."
  export PGBIN
}

# Runs a command as the postgres system user (PostgreSQL refuses to run as root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_init DIR PORT AUTH: creates a cluster in DIR if absent. AUTH is "trust" (throwaway) or "scram" (persistent).
pg_init() {
  local dir=$1 auth=$2
  if [ -f "$dir/data/PG_VERSION" ]; then return 0; fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  chmod 700 "$dir"
  local auth_args=(-A trust)
  if [ "$auth" = scram ]; then auth_args=(--auth-local=peer --auth-host=scram-sha-256); fi
  [ "$(id -u)" = 0 ] || auth_args=(--auth-local=trust --auth-host=scram-sha-256)
  as_pg "$PGBIN/initdb" -D "$dir/data" "${auth_args[@]}" -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || die "initdb a échoué, voir $dir/initdb.log"
}

# pg_start DIR PORT [extra -c options...]
pg_start() {
  local dir=$1 port=$2; shift 2
  local opts="-p $port -k $dir -c listen_addresses=127.0.0.1"
  for o in "$@"; do opts="$opts -c $o"; done
  if as_pg "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then return 0; fi
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null \
    || die "PostgreSQL n'a pas démarré, voir $dir/server.log"
}

# pg_server_settings: the settings the product's own server runs with (scripts/run.sh, db.sh, the import bench), sized for
# bulk writes as PostgreSQL's tuning guide advises: shared_buffers a quarter of the memory (at most 2 GB, at least
# PostgreSQL's 128 MB), so that a large import's table and key stay cached instead of being written out and read back;
# max_wal_size 4 GB, so that a million-row import (≈ 550 MB of WAL) does not force checkpoints in its middle (with the
# default 1 GB, PostgreSQL logs "checkpoints are occurring too frequently" and every page touched after one is written
# whole to the WAL again). bench/RESULTS.md, sixth import run.
pg_server_settings() {
  local mem_kb shared_mb
  mem_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
  shared_mb=$(( mem_kb / 4 / 1024 ))
  [ "$shared_mb" -gt 2048 ] && shared_mb=2048
  [ "$shared_mb" -lt 128 ] && shared_mb=128
  echo "shared_buffers=${shared_mb}MB max_wal_size=4GB"
}

# api_env: the API's runtime settings that cannot live in Clauses.Api.csproj, as VAR=value words (scripts/run.sh, the import
# bench): gen 0 collected every 4 MB allocated. .NET sizes gen 0 from the CPU's cache (≈ 20 MB between collections here) and
# reads this knob from the environment only (System.GC.Gen0Size in runtimeconfig.json is ignored: measured); with it a
# million-row import peaks ≈ 18 MB lower at the same speed (bench/RESULTS.md, eighth import run). A deployment sets the same.
api_env() {
  echo "DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x400000}"
}

pg_stop() {
  local dir=$1
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# psql as the superuser through the cluster's socket.
pg_psql() {
  local dir=$1 port=$2; shift 2
  as_pg "$PGBIN/psql" -h "$dir" -p "$port" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"
}

# pg_roles DIR PORT OWNER_PW APP_PW: the two roles the product needs.
#  clauses_owner owns the schema and runs migrations; clauses_app is what the API runs as:
#  not the owner, not a superuser, no BYPASSRLS, so row-level security always applies to it.
pg_roles() {
  local dir=$1 port=$2 owner_pw=$3 app_pw=$4
  pg_psql "$dir" "$port" -d postgres <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clauses_owner') THEN
    CREATE ROLE clauses_owner LOGIN CREATEDB PASSWORD '$owner_pw';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clauses_app') THEN
    CREATE ROLE clauses_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '$app_pw';
  END IF;
END
\$\$;
SQL
}

pg_create_db() {
  local dir=$1 port=$2 db=$3
  if ! pg_psql "$dir" "$port" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    pg_psql "$dir" "$port" -d postgres -c "CREATE DATABASE $db OWNER clauses_owner"
  fi
}

ensure_node_modules() {
  command -v npm >/dev/null || die "Node.js et npm sont nécessaires (Node 20)."
  local stamp="$ADDIN_DIR/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$ADDIN_DIR/package-lock.json" -nt "$stamp" ]; then
    log "npm ci (src/Clauses.AddIn)"
    (cd "$ADDIN_DIR" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci a échoué."
  fi
}

build_addin() {
  ensure_node_modules
  log "building the task panes"
  (cd "$ADDIN_DIR" && npm run --silent build) || die "La construction des volets Office a échoué."
}
