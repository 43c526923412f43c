#!/usr/bin/env bash
# Runs the outside conformance test (Okta's SCIM 2.0 spec test, ../shared/conformance) against the
# production build, on a fresh SQLite database and on a fresh PostgreSQL database.
set -euo pipefail
cd "$(dirname "$0")/.."
SPEC="${CONFORMANCE_SPEC:-../shared/conformance/okta-spec.mjs}"
PORT="${CONFORMANCE_PORT:-3200}"
PG_ADMIN="${TEST_POSTGRES_URL:-postgresql://root@127.0.0.1:5432/postgres}"
if [ ! -f "$SPEC" ]; then echo "conformance spec not found at $SPEC" >&2; exit 1; fi

run_against() {
  local label="$1" url="$2"
  echo "--- Okta SCIM spec test on $label ---"
  export DATABASE_URL="$url" ROSTER_BASE_URL="http://127.0.0.1:$PORT" PORT
  local creds; creds=$(npm run --silent roster -- directory create --name "Conformance $label" --json)
  local id secret
  id=$(node -e 'console.log(JSON.parse(process.argv[1]).clientId)' "$creds")
  secret=$(node -e 'console.log(JSON.parse(process.argv[1]).clientSecret)' "$creds")
  setsid npx tsx scripts/start.ts > "/tmp/roster-conformance-$label.log" 2>&1 &
  local pid=$!
  trap 'kill -- -'"$pid"' 2>/dev/null || true' RETURN
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  node "$SPEC" --base "http://127.0.0.1:$PORT/api/scim/v2" --token-url "http://127.0.0.1:$PORT/api/oauth/token" \
    --client-id "$id" --client-secret "$secret" --seed
}

tmp=$(mktemp -d)
run_against sqlite "file:$tmp/conformance.db"
pgdb="roster_conformance_$(date +%s)_$$"
psql "$PG_ADMIN" -qc "CREATE DATABASE \"$pgdb\"" >/dev/null
pgurl=$(node -e 'const u=new URL(process.argv[1]); u.pathname="/"+process.argv[2]; console.log(u.toString())' "$PG_ADMIN" "$pgdb")
status=0
run_against postgresql "$pgurl" || status=$?
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS \"$pgdb\" WITH (FORCE)" >/dev/null || true
rm -rf "$tmp"
exit $status
