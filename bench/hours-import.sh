#!/usr/bin/env bash
# Benchmark of the hours workbook import (issue 4): a throwaway PostgreSQL (the product's settings, fsync on), the API built in
# Release (Development sign-in, logs at Warning, rate limit lifted, no background worker), one facilitator organisation
# seeded at a realistic scale (20 lots with an execution clause, 5 000 participants with identity, validation and
# assignments), then for each size a generated workbook (HoursTemplate.Write) measured, each variant on empty hour tables:
#   (first, a warm-up: a binary COPY of the largest size into hour_records, emptied before anything is measured)
#   a. end to end: POST /api/contracts/{id}/imports?mode=sync, API restarted before each size, its VmHWM read after;
#   b. the same file again (every row unchanged); a'. then on empty tables again, in the same (warm) API process;
#   c. binary COPY of the same rows into hour_records, as the owner (constraints and statement triggers apply), and
#      into a bare copy of the table (no index, constraint or trigger: what the constraints cost);
#   d. ExcelDataReader feeding the same HoursPipeline, in the bench process (its own VmHWM);
#   e. where the time goes: HoursPipeline fed with the same rows generated in memory (checks vs. chunk merges timed),
#      and the readers alone (HoursWorkbookReader; ExcelDataReader), rows discarded.
# Prints a Markdown table and the machine line; progress goes to stderr.
#   bench/hours-import.sh [rows...]        (default: 100000 1000000)
# HOURS_EXPLAIN=1 adds, after the table, a diagnosis at the first size: COPY into clones of hour_records holding part of its
# rules (natural key; its indexes; indexes + CHECKs), then the EXPLAIN ANALYZE (auto_explain, triggers included) of every
# statement over 100 ms of two "pipeline alone" runs (new rows, then the same rows unchanged): the chunk merges.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT_DIR"
if [ $# -eq 0 ]; then set -- 100000 1000000; fi
for n in "$@"; do [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 2000000 ] || die "row count expected (1..2000000): $n"; done

ensure_postgres
PORT="$(free_port 5092)"
PG_DIR="$(mktemp -d)"; PG_PORT="$(free_port 55492)"
WORK="$(mktemp -d)"
API_PID=""
stop_api() {
  if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; API_PID=""; fi
}
cleanup() {
  set +e
  stop_api
  pg_stop "$PG_DIR"
  rm -rf "$PG_DIR" "$WORK"
}
trap cleanup EXIT
pg_init "$PG_DIR" trust
# auto_explain is loaded but off (log_min_duration -1: no instrumentation) unless HOURS_EXPLAIN=1 asks for the diagnosis below.
# The server runs with the product's settings (pg_server_settings, as scripts/run.sh); HOURS_PG_OPTS replaces them, e.g.
# HOURS_PG_OPTS="shared_buffers=128MB max_wal_size=1GB" for PostgreSQL's own defaults.
# shellcheck disable=SC2086
pg_start "$PG_DIR" "$PG_PORT" shared_preload_libraries=auto_explain auto_explain.log_min_duration=-1 auto_explain.log_analyze=on \
  auto_explain.log_buffers=on auto_explain.log_nested_statements=on auto_explain.log_triggers=on ${HOURS_PG_OPTS:-$(pg_server_settings)}
pg_roles "$PG_DIR" "$PG_PORT" bench bench
pg_create_db "$PG_DIR" "$PG_PORT" clauses
OWNER_CS="Host=127.0.0.1;Port=$PG_PORT;Database=clauses;Username=clauses_owner;Command Timeout=0"
APP_CS="Host=127.0.0.1;Port=$PG_PORT;Database=clauses;Username=clauses_app;Command Timeout=0"

log "building the API and bench/Clauses.Bench (Release)"
dotnet build src/Clauses.Api -c Release -v q -nologo >/dev/null
dotnet build bench/Clauses.Bench -c Release -v q -nologo >/dev/null
BENCH=(dotnet bench/Clauses.Bench/bin/Release/net10.0/Clauses.Bench.dll)
# Empty hour tables before each variant, and a checkpoint so that no variant pays for the previous one's writes.
fresh_tables() {
  "${BENCH[@]}" truncate "$OWNER_CS"
  pg_psql "$PG_DIR" "$PG_PORT" -d clauses -c CHECKPOINT
}

start_api() {
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
  ConnectionStrings__Clauses="$APP_CS" ConnectionStrings__Migrations="$OWNER_CS" \
  Demo__SeedOnStart=false Imports__MaxRows=2000000 RateLimiting__PermitsPerMinute=100000000 \
  Serilog__MinimumLevel__Default=Warning Background__Enabled=false \
    env $(api_env) dotnet src/Clauses.Api/bin/Release/net10.0/Clauses.Api.dll >>"$WORK/api.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0; sleep 0.5; done
  cat "$WORK/api.log" >&2; die "the API did not start"
}

start_api                                   # applies the migrations
eval "$("${BENCH[@]}" seed "$OWNER_CS")"    # CONTRACT_ID, BENCH_TOKEN
[ -n "${CONTRACT_ID:-}" ] && [ -n "${BENCH_TOKEN:-}" ] || die "seeding failed"

# A server that has been running has its shared memory touched and its WAL files made: a binary COPY of the largest size into
# hour_records, then emptied, so that the first variant measured does not pay for a new cluster's first writes (the first
# million-row import of three new clusters took 0.5, 2.3 and 5.0 s longer than the next one, the API process equally fresh).
largest=$(printf '%s\n' "$@" | sort -n | tail -1)
log "warm-up: binary COPY of $largest rows, then emptied"
fresh_tables
"${BENCH[@]}" copy "$OWNER_CS" "$largest" >/dev/null

ROWS_OUT=()
SIZES_OUT=()
for n in "$@"; do
  file="$WORK/hours-$n.xlsx"
  log "workbook of $n rows"
  "${BENCH[@]}" workbook "$OWNER_CS" "$n" "$file"
  SIZES_OUT+=("$n rows: $(stat -c %s "$file") bytes")

  log "[$n] a. end to end through the API (fresh API process)"
  stop_api; start_api
  fresh_tables
  ROWS_OUT+=("$("${BENCH[@]}" api "$OWNER_CS" "http://127.0.0.1:$PORT" "$BENCH_TOKEN" "$file" "$n" "$API_PID" \
    "end to end: POST …/imports?mode=sync" accepted)")
  log "[$n] b. the same file again"
  ROWS_OUT+=("$("${BENCH[@]}" api "$OWNER_CS" "http://127.0.0.1:$PORT" "$BENCH_TOKEN" "$file" "$n" "$API_PID" \
    "re-import of the same file (all unchanged)" unchanged)")
  log "[$n] a'. end to end again, same API process (its code compiled: a long-running server's state), on empty tables"
  fresh_tables
  ROWS_OUT+=("$("${BENCH[@]}" api "$OWNER_CS" "http://127.0.0.1:$PORT" "$BENCH_TOKEN" "$file" "$n" "$API_PID" \
    "end to end, warm API process (third import in it)" accepted)")
  stop_api

  log "[$n] c. binary COPY"
  fresh_tables
  ROWS_OUT+=("$("${BENCH[@]}" copy "$OWNER_CS" "$n")")
  pg_psql "$PG_DIR" "$PG_PORT" -d clauses -c CHECKPOINT
  ROWS_OUT+=("$("${BENCH[@]}" copy-bare "$OWNER_CS" "$n")")

  log "[$n] d. ExcelDataReader → HoursPipeline"
  fresh_tables
  ROWS_OUT+=("$("${BENCH[@]}" edr "$OWNER_CS" "$APP_CS" "$file" "$n")")

  log "[$n] e. the pipeline alone (generated rows), and the readers alone"
  fresh_tables
  ROWS_OUT+=("$("${BENCH[@]}" pipeline "$OWNER_CS" "$APP_CS" "$n")")
  ROWS_OUT+=("$("${BENCH[@]}" reader "$file" "$n")")
  ROWS_OUT+=("$("${BENCH[@]}" edr-reader "$file" "$n")")
  rm -f "$file"
done

echo "| Variant | Rows | Seconds | Rows/s | Peak memory (VmHWM) | Check |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ROWS_OUT[@]}"
echo
printf 'workbook: %s\n' "${SIZES_OUT[@]}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') (${HOURS_PG_OPTS:-$(pg_server_settings)}); .NET $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/{v=$2} END{print v}'); date: $(date -u +%F)"

if [ "${HOURS_EXPLAIN:-0}" = 1 ]; then
  log "diagnosis: what each part of the table costs a COPY ($1 rows)"
  echo
  for kind in bare pk indexes all; do
    pg_psql "$PG_DIR" "$PG_PORT" -d clauses -c CHECKPOINT
    "${BENCH[@]}" copy-into "$OWNER_CS" "$1" "$kind"
  done
  fresh_tables
  "${BENCH[@]}" copy "$OWNER_CS" "$1"
  log "diagnosis: auto_explain of the chunk merges ($1 rows, then the same rows again)"
  fresh_tables
  pg_psql "$PG_DIR" "$PG_PORT" -d clauses -c "ALTER ROLE clauses_app SET auto_explain.log_min_duration = '100ms'"
  start_line=$(($(wc -l <"$PG_DIR/server.log") + 1))
  "${BENCH[@]}" pipeline "$OWNER_CS" "$APP_CS" "$1"
  "${BENCH[@]}" pipeline "$OWNER_CS" "$APP_CS" "$1"
  pg_psql "$PG_DIR" "$PG_PORT" -d clauses -c "ALTER ROLE clauses_app RESET auto_explain.log_min_duration"
  echo; echo '```'; tail -n +"$start_line" "$PG_DIR/server.log"; echo '```'
fi
