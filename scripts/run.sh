#!/usr/bin/env bash
# Runs the product on this machine: a persistent local PostgreSQL under .data/, migrations,
# demo data on first start, the task-pane files, and the API on http://127.0.0.1:5080
# and https://localhost:5443. Data survives restarts; `scripts/db.sh reset` starts over.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

PG_DIR="$ROOT_DIR/.data/pg"
PG_PORT="${CLAUSES_PG_PORT:-5433}"
OWNER_PW="clauses_owner_dev"
APP_PW="clauses_app_dev"

ensure_postgres
pg_init "$PG_DIR" scram
# shellcheck disable=SC2046
pg_start "$PG_DIR" "$PG_PORT" $(pg_server_settings)
pg_roles "$PG_DIR" "$PG_PORT" "$OWNER_PW" "$APP_PW"
pg_create_db "$PG_DIR" "$PG_PORT" clauses
log "PostgreSQL: 127.0.0.1:$PG_PORT, database clauses (data in .data/pg)"

build_addin

# Office add-ins must be served over HTTPS: a development certificate for localhost.
if ! dotnet dev-certs https --check >/dev/null 2>&1; then
  log "creating the ASP.NET Core development certificate"
  dotnet dev-certs https >/dev/null 2>&1 || log "certificat de développement indisponible : HTTPS désactivé"
fi
URLS="http://127.0.0.1:5080"
dotnet dev-certs https --check >/dev/null 2>&1 && URLS="$URLS;https://localhost:5443"

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="$URLS"
export ConnectionStrings__Clauses="Host=127.0.0.1;Port=$PG_PORT;Database=clauses;Username=clauses_app;Password=$APP_PW"
export ConnectionStrings__Migrations="Host=127.0.0.1;Port=$PG_PORT;Database=clauses;Username=clauses_owner;Password=$OWNER_PW"
export Demo__SeedOnStart=true
export $(api_env)

log "building the API"
dotnet build src/Clauses.Api -c Release -v q -nologo >/dev/null || dotnet build src/Clauses.Api -c Release -nologo

cat <<TXT

  Clauses is starting:
    API and pages   http://127.0.0.1:5080        (https://localhost:5443 for Office)
    Health          http://127.0.0.1:5080/healthz
    OpenAPI         http://127.0.0.1:5080/openapi/v1.json   UI: http://127.0.0.1:5080/swagger
    Word pane       https://localhost:5443/addin/word/taskpane.html
    Excel pane      https://localhost:5443/addin/excel/taskpane.html
    Demo users      curl http://127.0.0.1:5080/dev/users
    A token         ./scripts/token.sh marie.dupont@metropole-demo.fr
                    (or curl -X POST http://127.0.0.1:5080/dev/token -H 'Content-Type: application/json' -d '{"email":"..."}')
    Stop            Ctrl+C (PostgreSQL keeps running: ./scripts/db.sh stop)

TXT
exec dotnet run --project src/Clauses.Api -c Release --no-build --no-launch-profile
