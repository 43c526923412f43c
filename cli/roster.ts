#!/usr/bin/env tsx
// Entry point of `npm run --silent roster -- <command>` (tsx cli/roster.ts); the logic is in run-cli.ts.
import { resolve } from "node:path";
import { runCli } from "./run-cli";

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

runCli(process.argv.slice(2), io, { root: resolve(__dirname, ".."), closeDatabase: true }).then(
  (code) => {
    // Exit once stdout has taken everything (a pipe may still be draining), whatever handles linger.
    process.stdout.write("", () => process.exit(code));
  },
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
