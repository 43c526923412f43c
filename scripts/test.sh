#!/usr/bin/env bash
# `npm test`: everything that decides whether Roster works. Installs what the tests need (Debian's
# Chromium for Playwright) when it is missing; PostgreSQL is expected at TEST_POSTGRES_URL
# (default postgresql://root@127.0.0.1:5432/postgres), where each test run makes and drops its own databases.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgresql://root@127.0.0.1:5432/postgres}"
step() { printf '\n=== %s ===\n' "$*"; }

if [ ! -x /usr/bin/chromium ]; then
  step "installing Debian's Chromium for Playwright"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi

step "schema: PostgreSQL schema generated from prisma/schema.prisma"
node scripts/sync-schema.mjs --check
step "lint"
npx eslint . --max-warnings 0
step "typecheck"
npx tsc --noEmit
step "unit tests (no database)"
npx vitest run --project unit
step "integration tests (SQLite and PostgreSQL)"
npx vitest run --project integration
step "production build"
npx next build
step "end-to-end tests (Playwright, Chromium) on SQLite"
npx playwright test
step "end-to-end tests (Playwright, Chromium) on PostgreSQL"
E2E_DATABASE=postgresql npx playwright test
step "reliability: kill -9 mid-sync, both databases"
npx tsx scripts/reliability/kill-recovery.ts
step "reliability: database outage (PostgreSQL stopped and started; SQLite on a full disk)"
npx tsx scripts/reliability/db-outage.ts
step "reliability: two instances on one database"
npx tsx scripts/reliability/two-instances.ts
step "security: secrets, headers, CSP in Chromium, cookies, server actions"
npx tsx scripts/reliability/secrets-and-headers.ts
step "reliability: kill -9 twice during a sync with a webhook receiver, both databases"
npx tsx scripts/reliability/webhooks-kill.ts
step "Okta SCIM 2.0 spec test against the production build"
bash scripts/conformance.sh
