// Run by Playwright's webServer command before the server starts, when the run is on PostgreSQL
// (E2E_DATABASE=postgresql): makes the empty database that playwright.config.ts named; the server's
// start migrates it, e2e/global-teardown.ts drops it.
import { createPostgresDatabase } from "../tests/support/postgres-admin";

const name = process.env.E2E_FRESH_POSTGRES;
if (!name) throw new Error("E2E_FRESH_POSTGRES is not set: run `E2E_DATABASE=postgresql npx playwright test`");
createPostgresDatabase(name).catch((e: Error) => {
  console.error(`[e2e] could not create the database ${name}: ${e.message}`);
  process.exit(1);
});
