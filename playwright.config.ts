// End-to-end tests against the production build (`npx tsx scripts/start.ts`: migrate, build if
// missing, next start) on a fresh database per run, in Debian's Chromium (no browser download).
// The database is SQLite by default; E2E_DATABASE=postgresql runs the same walk-through on a fresh
// PostgreSQL database on the test server (TEST_POSTGRES_URL), made before the server starts
// (e2e/create-database.ts) and dropped after the run (e2e/global-teardown.ts).
import { defineConfig, devices } from "@playwright/test";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testPostgresUrl } from "./tests/support/postgres-admin";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const onPostgres = process.env.E2E_DATABASE === "postgresql";
// A real OpenID Connect provider (e2e/oidc-provider.mjs) for the console's single sign-on, next port up.
const oidcPort = port + 2;
const OIDC_ISSUER = `http://127.0.0.1:${oidcPort}`;
// Computed once in the runner process; workers inherit it through the environment. Only a database
// named here (E2E_FRESH_POSTGRES) is created and dropped, never one given as E2E_DATABASE_URL.
if (!process.env.E2E_DATABASE_URL) {
  if (onPostgres) {
    process.env.E2E_FRESH_POSTGRES = `roster_e2e_${Date.now()}_${process.pid}`;
    process.env.E2E_DATABASE_URL = testPostgresUrl(process.env.E2E_FRESH_POSTGRES);
  } else {
    process.env.E2E_DATABASE_URL = `file:${join(tmpdir(), `roster-e2e-${Date.now()}-${process.pid}.db`)}`;
  }
}

const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1360, height: 900 },
  launchOptions: {
    executablePath: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // First run on the fresh database: the owner is created through /setup.
    { name: "first-run", testMatch: /first-run\.spec\.ts/, use: chromium },
    { name: "chromium", testIgnore: /first-run\.spec\.ts/, dependencies: ["first-run"], use: chromium },
  ],
  globalTeardown: "./e2e/global-teardown.ts",
  webServer: [
    {
      command: `node e2e/oidc-provider.mjs ${oidcPort} ${baseURL}`,
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: process.env.E2E_FRESH_POSTGRES ? "npx tsx e2e/create-database.ts && npx tsx scripts/start.ts" : "npx tsx scripts/start.ts",
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: process.env.E2E_DATABASE_URL,
        NEXTAUTH_URL: baseURL,
        ROSTER_BASE_URL: baseURL,
        NEXT_TELEMETRY_DISABLED: "1",
        // The webhook spec's receiver is http:// on 127.0.0.1.
        ROSTER_WEBHOOK_ALLOW_HTTP: "true",
        ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
        ROSTER_OIDC_ISSUER: OIDC_ISSUER,
        ROSTER_OIDC_CLIENT_ID: "roster-e2e",
        ROSTER_OIDC_CLIENT_SECRET: "roster-e2e-client-secret-not-a-real-one",
        ROSTER_OIDC_NAME: "Test IdP",
        ROSTER_OIDC_ALLOWED_DOMAINS: "allowed.test",
        ROSTER_OIDC_ROLE_CLAIM: "groups",
      },
    },
  ],
});
