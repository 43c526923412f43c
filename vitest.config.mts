// Two Vitest projects. `unit` needs no database: the SCIM protocol, parsing, mapping (npm run test:unit).
// `integration` runs every suite that needs one, on SQLite and PostgreSQL (npm run test:integration).
// A test that needs a database lives in tests/integration or, beside its code, is named *.db.test.ts.
// `npx vitest run` runs both.
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One log line per request would bury the test output; tests that read the log set their own level.
    env: { ROSTER_LOG_LEVEL: "warn" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "cli/**/*.test.ts", "tests/support/**/*.test.ts"],
          exclude: ["**/*.db.test.ts"],
          // A unit test that reaches for PostgreSQL fails at once instead of passing on a developer's machine.
          env: { TEST_POSTGRES_URL: "postgresql://unit-tests-use-no-database@127.0.0.1:9/none", ROSTER_LOG_LEVEL: "warn" },
        },
      },
      {
        extends: true,
        test: { name: "integration", include: ["tests/integration/**/*.test.ts", "lib/**/*.db.test.ts", "cli/**/*.db.test.ts"] },
      },
    ],
  },
});
