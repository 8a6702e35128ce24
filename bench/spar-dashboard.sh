#!/usr/bin/env bash
# Benchmark of the SPAR dashboard at national scale (issue 6): a throwaway PostgreSQL, the product's migrations, national
# data generated set-based in SQL (bench/spar-dashboard/generate.sql: 2 000 organisations, 500 000 contracts, 400 000
# participants, 20 000 000 hour records over ten years, roll-ups built by the product's hour_rollups_sql), then, warm, for a
# sample of organisation-years (the largest organisation's busiest year first):
#   a. the product path: SparDashboardStore.LoadAsync as the API runs it (app role, RLS settings of a director), and the
#      real endpoint GET /api/spar/dashboard end to end (API in Release, Development token);
#   b. the naive path: the same figures by GROUP BY over hour_records (latest statement versions), checked equal to (a);
# then the EXPLAIN (ANALYZE, BUFFERS) of every product query for the largest organisation-year (auto_explain).
# Prints the data shape, generation time, sizes, Markdown tables and the machine line; progress goes to stderr.
#   bench/spar-dashboard.sh
# Settings (environment):
#   SPAR_SAMPLES=50 SPAR_NAIVE_SAMPLES=10   samples per organisation-year (product paths / naive path)
#   SPAR_SCALE=1                            fraction of the national scale, for a quick trial (e.g. 0.05)
#   SPAR_KEEP=1                             keep the generated cluster (its folder is printed) instead of deleting it
#   SPAR_REUSE=DIR                          measure again on a cluster kept by SPAR_KEEP=1 (no generation)
#   SPAR_PG_OPTS="..."                      server settings for the measurement (default: shared_buffers=4GB, a quarter
#                                           of this machine's RAM; everything else PostgreSQL's defaults)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT_DIR"
SAMPLES="${SPAR_SAMPLES:-50}"
NAIVE_SAMPLES="${SPAR_NAIVE_SAMPLES:-10}"
SCALE="${SPAR_SCALE:-1}"
MEASURE_OPTS="${SPAR_PG_OPTS:-shared_buffers=4GB}"
scaled() { awk -v n="$1" -v s="$SCALE" -v min="$2" 'BEGIN { x = int(n * s); if (x < min) x = min; print x }'; }
ORGS="$(scaled 2000 50)"; CONTRACTS="$(scaled 500000 2000)"; PARTICIPANTS="$(scaled 400000 2000)"
RECORDS="$(scaled 20000000 40000)"; CORRECTIONS="$((RECORDS / 50))"

ensure_postgres
PORT="$(free_port 5094)"
PG_PORT="$(free_port 55494)"
WORK="$(mktemp -d)"
if [ -n "${SPAR_REUSE:-}" ]; then PG_DIR="$SPAR_REUSE"; [ -f "$PG_DIR/data/PG_VERSION" ] || die "no cluster in $PG_DIR"; else PG_DIR="$(mktemp -d)"; fi
API_PID=""
stop_api() {
  if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; API_PID=""; fi
}
cleanup() {
  set +e
  stop_api
  pg_stop "$PG_DIR"
  if [ "${SPAR_KEEP:-0}" = 1 ] || [ -n "${SPAR_REUSE:-}" ]; then log "cluster kept in $PG_DIR (SPAR_REUSE=$PG_DIR to measure again)"
  else rm -rf "$PG_DIR"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
psql_db() { pg_psql "$PG_DIR" "$PG_PORT" -d clauses "$@"; }
OWNER_CS="Host=127.0.0.1;Port=$PG_PORT;Database=clauses;Username=clauses_owner;Command Timeout=0"
APP_CS="Host=127.0.0.1;Port=$PG_PORT;Database=clauses;Username=clauses_app;Command Timeout=0"

log "building the API and bench/Clauses.Bench (Release)"
dotnet build src/Clauses.Api -c Release -v q -nologo >/dev/null
dotnet build bench/Clauses.Bench -c Release -v q -nologo >/dev/null
BENCH=(dotnet bench/Clauses.Bench/bin/Release/net10.0/Clauses.Bench.dll)
API=(dotnet src/Clauses.Api/bin/Release/net10.0/Clauses.Api.dll)
# Passed through env (not a shell function), so that "$!" of a background start is the API's own PID and stop_api ends it.
API_ENV=(ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$PORT"
  ConnectionStrings__Clauses="$APP_CS" ConnectionStrings__Migrations="$OWNER_CS"
  Demo__SeedOnStart=false RateLimiting__PermitsPerMinute=100000000 Serilog__MinimumLevel__Default=Warning
  Background__Enabled=false)

if [ -z "${SPAR_REUSE:-}" ]; then
  pg_init "$PG_DIR" trust
  # Generation only: no WAL beyond the minimum (a load that starts with TRUNCATE in its transaction writes none), no
  # fsync, no autovacuum, large maintenance memory. The server is restarted with safe settings before any measurement.
  pg_start "$PG_DIR" "$PG_PORT" shared_buffers=4GB maintenance_work_mem=2GB max_wal_size=32GB checkpoint_timeout=1h \
    wal_level=minimal max_wal_senders=0 fsync=off full_page_writes=off synchronous_commit=off autovacuum=off
  pg_roles "$PG_DIR" "$PG_PORT" bench bench
  pg_create_db "$PG_DIR" "$PG_PORT" clauses
  log "migrations (Clauses.Api migrate)"
  env "${API_ENV[@]}" "${API[@]}" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; die "migrations failed"; }

  log "generating $ORGS organisations, $CONTRACTS contracts, $PARTICIPANTS participants, $RECORDS hour records (bench/spar-dashboard/generate.sql)"
  gen_start=$(date +%s.%N)
  psql_db -v orgs="$ORGS" -v contracts="$CONTRACTS" -v participants="$PARTICIPANTS" -v records="$RECORDS" \
    -v corrections="$CORRECTIONS" -f bench/spar-dashboard/generate.sql
  STEPS="$(psql_db -At -F ' | ' -c "SELECT '| ' || step, to_char(extract(epoch FROM at - lag(at) OVER (ORDER BY at)), 'FM99990.0') || ' |'
                                      FROM bench.steps ORDER BY at OFFSET 1")"
  log "VACUUM (ANALYZE), CHECKPOINT"
  vac_start=$(date +%s.%N)
  psql_db -c "SET client_min_messages = warning" -c "DROP SCHEMA bench CASCADE" -c "VACUUM (ANALYZE)" -c CHECKPOINT
  gen_end=$(date +%s.%N)
  STEPS="$STEPS"$'\n'"| staging dropped, VACUUM (ANALYZE) of the database, CHECKPOINT | $(awk -v a="$vac_start" -v b="$gen_end" 'BEGIN { printf "%.1f", b - a }') |"
  GEN_SECONDS="$(awk -v a="$gen_start" -v b="$gen_end" 'BEGIN { printf "%.0f", b - a }')"
  pg_stop "$PG_DIR"
fi

log "restarting PostgreSQL for the measurement: $MEASURE_OPTS (fsync, WAL, autovacuum: defaults)"
# auto_explain is loaded but off (log_min_duration -1: no instrumentation) until the EXPLAIN step at the end.
# shellcheck disable=SC2086
pg_start "$PG_DIR" "$PG_PORT" shared_preload_libraries=auto_explain auto_explain.log_min_duration=-1 auto_explain.log_analyze=on \
  auto_explain.log_buffers=on auto_explain.log_nested_statements=on auto_explain.log_timing=on $MEASURE_OPTS

echo "## Data"
echo
if [ -n "${STEPS:-}" ]; then
  echo "Generated in **${GEN_SECONDS} s** ($(awk -v s="$GEN_SECONDS" 'BEGIN { printf "%.1f", s / 60 }') min):"
  echo
  echo "| Step | Seconds |"
  echo "|---|---|"
  echo "$STEPS"
  echo
fi
psql_db -P footer=off <<'SQL'
\pset format unaligned
\pset fieldsep ' | '
\pset tuples_only on
\echo '| Table | Rows | Total size (heap + indexes + TOAST) |'
\echo '|---|---|---|'
SELECT '| ' || t, replace(to_char(n, 'FM999G999G999G990'), ',', ' '), pg_size_pretty(pg_total_relation_size(t::regclass)) || ' |'
  FROM (VALUES ('organisations', (SELECT count(*) FROM organisations)), ('contracts', (SELECT count(*) FROM contracts)),
               ('lots', (SELECT count(*) FROM lots)), ('relevance_analyses', (SELECT count(*) FROM relevance_analyses)),
               ('clauses', (SELECT count(*) FROM clauses)), ('participants', (SELECT count(*) FROM participants)),
               ('participant_identities', (SELECT count(*) FROM participant_identities)),
               ('eligibility_validations', (SELECT count(*) FROM eligibility_validations)),
               ('hour_statements', (SELECT count(*) FROM hour_statements)), ('hour_records', (SELECT count(*) FROM hour_records)),
               ('hour_month_totals', (SELECT count(*) FROM hour_month_totals)),
               ('participant_year_totals', (SELECT count(*) FROM participant_year_totals)),
               ('exits', (SELECT count(*) FROM exits)), ('partnerships', (SELECT count(*) FROM partnerships)),
               ('spar_targets', (SELECT count(*) FROM spar_targets))) v (t, n);
SELECT '| **database**', '', '**' || pg_size_pretty(pg_database_size('clauses')) || '** |';
\echo
\echo 'hour_records: heap, natural key, (organisation_id, period):'
SELECT pg_size_pretty(pg_relation_size('hour_records')), pg_size_pretty(pg_relation_size('hour_records_natural_key')),
       pg_size_pretty(pg_relation_size('hour_records_org_period'));
\echo
\echo 'Skew: hour records per organisation by rank (all years), and per year (all organisations):'
\echo
\echo '| Rank | Organisation | Records | Share | Participants | Contracts |'
\echo '|---|---|---|---|---|---|'
WITH r AS (SELECT organisation_id, sum(records) AS n, row_number() OVER (ORDER BY sum(records) DESC, organisation_id) AS rank,
                  sum(sum(records)) OVER () AS total
             FROM hour_month_totals GROUP BY 1)
SELECT '| ' || r.rank, o.name, replace(to_char(r.n, 'FM999G999G990'), ',', ' '), round(100.0 * r.n / r.total, 2) || ' %',
       (SELECT count(*) FROM participants p WHERE p.organisation_id = r.organisation_id),
       (SELECT count(*) FROM contracts c WHERE c.organisation_id = r.organisation_id) || ' |'
  FROM r JOIN organisations o ON o.id = r.organisation_id
 WHERE r.rank IN (1, 2, 3, 10, 20, 100, 200, 1000) OR r.rank = (SELECT count(*) FROM r)
 ORDER BY r.rank;
\echo
SELECT 'records per year: ' || string_agg(y || ': ' || replace(to_char(n, 'FM999G999G990'), ',', ' '), ', ' ORDER BY y)
  FROM (SELECT extract(year FROM month)::int AS y, sum(records) AS n FROM hour_month_totals GROUP BY 1) x;
\echo
SELECT 'hour_records versions: ' || string_agg('v' || version || ' ' || replace(to_char(n, 'FM999G999G990'), ',', ' '), ', ' ORDER BY version)
  FROM (SELECT version, count(*) AS n FROM hour_records GROUP BY 1) x;
SELECT 'clauses: ' || string_agg(instrument || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT instrument, count(*) AS n FROM clauses GROUP BY 1) x;
SELECT 'eligibility validations with rsa: ' || round(100.0 * count(*) FILTER (WHERE 'rsa' = ANY (criteria)) / count(*), 1) || ' %'
  FROM eligibility_validations;
SQL
echo

log "starting the API (Release, Development)"
env "${API_ENV[@]}" "${API[@]}" >>"$WORK/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$WORK/api.log" >&2; die "the API did not start"; }

log "measuring: $SAMPLES samples per organisation-year (naive: $NAIVE_SAMPLES), warm-up first"
echo "## Dashboard latency (warm)"
echo
"${BENCH[@]}" spar-measure "$OWNER_CS" "$APP_CS" "http://127.0.0.1:$PORT" "$SAMPLES" "$NAIVE_SAMPLES" | tee "$WORK/measure.md" \
  | grep -v '^SPAR_EXPLAIN_'
eval "$(grep '^SPAR_EXPLAIN_' "$WORK/measure.md" | tr ' ' '\n')"
stop_api

log "EXPLAIN (ANALYZE, BUFFERS) of the product's queries for the largest organisation-year (auto_explain)"
psql_db -c "ALTER ROLE clauses_app SET auto_explain.log_min_duration = 0"
start_line=$(($(wc -l <"$PG_DIR/server.log") + 1))
"${BENCH[@]}" spar-explain "$OWNER_CS" "$APP_CS" "$SPAR_EXPLAIN_ORG" "$SPAR_EXPLAIN_YEAR"
psql_db -c "ALTER ROLE clauses_app RESET auto_explain.log_min_duration"
echo
echo "## EXPLAIN (ANALYZE, BUFFERS) of one product load, organisation $SPAR_EXPLAIN_ORG, $SPAR_EXPLAIN_YEAR"
echo
echo '```'
# From the load's first query on (the new data source's type loading comes before it).
tail -n +"$start_line" "$PG_DIR/server.log" >"$WORK/explain.log"
first=$(grep -n 'Query Text: SELECT month, modality, siae_id, hours' "$WORK/explain.log" | head -1 | cut -d: -f1)
tail -n +"$((${first:-2} - 1))" "$WORK/explain.log" | grep -v -E '^\s*$'
echo '```'
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'); .NET $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/{v=$2} END{print v}'); date: $(date -u '+%F %H:%M UTC'); measurement server: $MEASURE_OPTS"
