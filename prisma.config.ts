// Prisma CLI configuration. Roster never lets the CLI touch a live database: migrations are applied
// by scripts/migrate.mjs (see there why). The CLI is used offline only, for `generate` and for
// `migrate diff --script`, which with the JS engine needs no downloaded binary.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaBetterSQLite3({ url: ":memory:" });
  },
});
