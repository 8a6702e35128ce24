#!/usr/bin/env bash
# Builds everything, starts a throwaway PostgreSQL, runs every test suite (C# unit and integration,
# task-pane unit tests, end-to-end in headless Chromium), stops what it started, and ends with one line: "N passed, M failed, K skipped".
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

ensure_postgres
ensure_node_modules

RESULTS="$(mktemp -d)"
PG_DIR="$(mktemp -d)"
PG_PORT="${CLAUSES_TEST_PG_PORT:-$(free_port 55439)}"
API_PID=""
cleanup() {
  set +e
  if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null; wait "$API_PID" 2>/dev/null; fi
  pg_stop "$PG_DIR"
  rm -rf "$PG_DIR" "$RESULTS"
}
trap cleanup EXIT

log "throwaway PostgreSQL on 127.0.0.1:$PG_PORT"
pg_init "$PG_DIR" trust
pg_start "$PG_DIR" "$PG_PORT" fsync=off synchronous_commit=off full_page_writes=off max_connections=200
pg_roles "$PG_DIR" "$PG_PORT" clauses_owner_test clauses_app_test
export CLAUSES_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"

log "building"
dotnet build Clauses.sln -c Release -nologo -v q 2>&1 | tail -n 3
build_addin

status=0
log "C# tests"
dotnet test Clauses.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$RESULTS/dotnet" --logger "console;verbosity=minimal" || status=1

log "task-pane tests"
(cd "$ADDIN_DIR" && npx vitest run --reporter=default --reporter=json --outputFile="$RESULTS/vitest.json") || status=1

log "end-to-end tests (headless Chromium, the real API on demo data)"
command -v chromium >/dev/null || apt_install chromium
E2E_PORT="${CLAUSES_E2E_PORT:-$(free_port 5091)}"
pg_psql "$PG_DIR" "$PG_PORT" -d postgres -c "CREATE DATABASE clauses_e2e OWNER clauses_owner"
(cd src/Clauses.Api && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$E2E_PORT" \
  ConnectionStrings__Clauses="Host=127.0.0.1;Port=$PG_PORT;Database=clauses_e2e;Username=clauses_app" \
  ConnectionStrings__Migrations="Host=127.0.0.1;Port=$PG_PORT;Database=clauses_e2e;Username=clauses_owner" \
  Demo__SeedOnStart=true Serilog__MinimumLevel__Default=Warning \
  exec dotnet bin/Release/net10.0/Clauses.Api.dll) > "$RESULTS/e2e-api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$E2E_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
(cd "$ADDIN_DIR" && CLAUSES_E2E_URL="http://127.0.0.1:$E2E_PORT" npm run --silent e2e) | tee "$RESULTS/e2e.tap" || status=1
kill "$API_PID" 2>/dev/null; wait "$API_PID" 2>/dev/null || true
API_PID=""

node "$ROOT_DIR/scripts/summarize-tests.mjs" "$RESULTS" || status=1
exit $status
