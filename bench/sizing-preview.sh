#!/usr/bin/env bash
# Benchmark of POST /api/sizing/preview under wrk: a throwaway PostgreSQL, the API built in Release
# on http://127.0.0.1:5090 (Development sign-in, request logging at Warning, rate limit lifted),
# a demo buyer's token, then wrk. Prints requests/s and latency percentiles.
#   bench/sizing-preview.sh [duration=30s] [connections=32]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT_DIR"
DURATION="${1:-30s}"
CONNECTIONS="${2:-32}"
PORT="$(free_port 5090)"

ensure_postgres
command -v wrk >/dev/null || apt_install wrk
PG_DIR="$(mktemp -d)"; PG_PORT="$(free_port 55490)"
API_PID=""
cleanup() {
  set +e
  if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null; wait "$API_PID" 2>/dev/null; fi
  pg_stop "$PG_DIR"
  rm -rf "$PG_DIR"
}
trap cleanup EXIT
pg_init "$PG_DIR" trust
pg_start "$PG_DIR" "$PG_PORT"
pg_roles "$PG_DIR" "$PG_PORT" bench bench
pg_create_db "$PG_DIR" "$PG_PORT" clauses

dotnet build src/Clauses.Api -c Release -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
ConnectionStrings__Clauses="Host=127.0.0.1;Port=$PG_PORT;Database=clauses;Username=clauses_app" \
ConnectionStrings__Migrations="Host=127.0.0.1;Port=$PG_PORT;Database=clauses;Username=clauses_owner" \
Demo__SeedOnStart=true RateLimiting__PermitsPerMinute=100000000 Serilog__MinimumLevel__Default=Warning \
  dotnet src/Clauses.Api/bin/Release/net10.0/Clauses.Api.dll >/tmp/clauses-bench-api.log 2>&1 &
API_PID=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
export CLAUSES_TOKEN="$(CLAUSES_URL=http://127.0.0.1:$PORT ./scripts/token.sh marie.dupont@metropole-demo.fr)"

URL="http://127.0.0.1:$PORT/api/sizing/preview"
curl -fsS -X POST "$URL" -H "Authorization: Bearer $CLAUSES_TOKEN" -H 'Content-Type: application/json' \
  -d '{"amountHt":1000000,"labourShare":0.5,"insertionRate":0.05,"hourlyCost":30,"allowedModalities":["embauche_directe","interim_etti"]}' \
  | grep -q '"targetHours":833' || { echo "the preview does not answer 833 h for the worked example" >&2; exit 1; }

log "warm-up"; wrk -t2 -c"$CONNECTIONS" -d5s -s bench/sizing-preview.lua "$URL" >/dev/null
log "measure: $DURATION, $CONNECTIONS connections"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/sizing-preview.lua "$URL"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); date: $(date -u +%F)"
