#!/usr/bin/env bash
# Manages the persistent local PostgreSQL of scripts/run.sh: start | stop | status | psql | reset.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PG_DIR="$ROOT_DIR/.data/pg"
PG_PORT="${CLAUSES_PG_PORT:-5433}"
ensure_postgres
case "${1:-status}" in
  start)  pg_init "$PG_DIR" scram; pg_start "$PG_DIR" "$PG_PORT" $(pg_server_settings) ;;
  stop)   pg_stop "$PG_DIR" ;;
  status) as_pg "$PGBIN/pg_ctl" -D "$PG_DIR/data" status || true ;;
  psql)   shift; pg_psql "$PG_DIR" "$PG_PORT" -d clauses "$@" ;;
  reset)  pg_stop "$PG_DIR"; rm -rf "$PG_DIR"; log "local database removed; ./scripts/run.sh recreates it with demo data" ;;
  *)      die "usage: scripts/db.sh start|stop|status|psql|reset" ;;
esac
