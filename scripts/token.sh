#!/usr/bin/env bash
# Prints a Development bearer token for a demo user of the running API (scripts/run.sh).
# Usage: ./scripts/token.sh EMAIL   — without EMAIL, lists the demo users.
set -euo pipefail
BASE="${CLAUSES_URL:-http://127.0.0.1:5080}"
if [ $# -eq 0 ]; then
  curl -fsS "$BASE/dev/users"; echo
  exit 0
fi
curl -fsS -X POST "$BASE/dev/token" -H 'Content-Type: application/json' -d "{\"email\":\"$1\"}" \
  | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
