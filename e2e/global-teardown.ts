// After the run: drops the PostgreSQL database that playwright.config.ts named for it (never one
// given through E2E_DATABASE_URL).
import { dropPostgresDatabase } from "../tests/support/postgres-admin";

export default async function globalTeardown() {
  const name = process.env.E2E_FRESH_POSTGRES;
  if (name) await dropPostgresDatabase(name);
}
