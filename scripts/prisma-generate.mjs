#!/usr/bin/env node
// postinstall: generates both Prisma clients (SQLite and PostgreSQL) from the repo's schemas.
// Offline-safe: the "prisma-client" generator with engineType "client" downloads nothing.
import { execFileSync } from "node:child_process";

const env = {
  ...process.env,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PRISMA_GENERATE_SKIP_AUTOINSTALL: "1",
  // Harmless safety net: makes any attempt to fetch a Rust engine find a file instead of the network.
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? "/bin/true",
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
};
for (const schema of ["prisma/schema.prisma", "prisma/postgresql/schema.prisma"]) {
  execFileSync("npx", ["prisma", "generate", "--schema", schema], { env, stdio: ["ignore", "ignore", "inherit"] });
}
console.log("[roster] generated Prisma clients for SQLite and PostgreSQL");
