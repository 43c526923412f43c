#!/usr/bin/env node
// Writes a new migration for BOTH databases from the change to prisma/schema.prisma since the last one:
//   npm run db:schema && node scripts/new-migration.mjs add_something
// Each migration folder keeps a snapshot of the schema it leads to, so the next diff starts from it
// (`prisma migrate dev` would need a shadow database and the schema engine binary; diff needs neither).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: node scripts/new-migration.mjs <snake_case_name>");
  process.exit(2);
}
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true", PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true" };
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

for (const [schema, dir] of [
  ["prisma/schema.prisma", "prisma/migrations"],
  ["prisma/postgresql/schema.prisma", "prisma/postgresql/migrations"],
]) {
  mkdirSync(dir, { recursive: true });
  const previous = readdirSync(dir).filter((d) => existsSync(join(dir, d, "schema.snapshot.prisma"))).sort().at(-1);
  const from = previous ? ["--from-schema-datamodel", join(dir, previous, "schema.snapshot.prisma")] : ["--from-empty"];
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], { env, encoding: "utf8" });
  if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
    console.log(`${dir}: no changes`);
    continue;
  }
  const target = join(dir, `${stamp}_${name}`);
  mkdirSync(target);
  writeFileSync(join(target, "migration.sql"), sql);
  copyFileSync(schema, join(target, "schema.snapshot.prisma"));
  console.log(`wrote ${target}/migration.sql`);
}
