#!/usr/bin/env tsx
import { getDb } from "../lib/db/client";
import { runCli } from "./run-cli";

runCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(async (code) => {
  await getDb().$disconnect().catch(() => undefined);
  process.exit(code);
});
