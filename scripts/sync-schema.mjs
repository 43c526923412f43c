#!/usr/bin/env node
// Generates prisma/postgresql/schema.prisma from the one source of truth, prisma/schema.prisma.
// Only the datasource provider and the client output differ. `--check` exits 1 when they drifted.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(join(root, "prisma/schema.prisma"), "utf8");

export function toPostgresSchema(text) {
  const out = text
    .replace('output     = "../lib/db/generated/sqlite"', 'output     = "../../lib/db/generated/postgresql"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./dev.db"', 'url      = "postgresql://localhost/roster"')
    .replace(
      "// The single source of truth for Roster's data model (SQLite flavour).\n// prisma/postgresql/schema.prisma is generated from this file by `npm run db:schema`; CI checks they match.",
      "// GENERATED from prisma/schema.prisma by `npm run db:schema`. Do not edit.",
    );
  if (out === text) throw new Error("schema.prisma did not have the expected generator/datasource lines");
  return out;
}

const target = join(root, "prisma/postgresql/schema.prisma");
const wanted = toPostgresSchema(source);
if (process.argv.includes("--check")) {
  let have = "";
  try { have = readFileSync(target, "utf8"); } catch {}
  if (have !== wanted) {
    console.error("prisma/postgresql/schema.prisma is out of date: run `npm run db:schema`.");
    process.exit(1);
  }
  console.log("PostgreSQL schema is in sync with prisma/schema.prisma.");
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, wanted);
  console.log("wrote prisma/postgresql/schema.prisma");
}
