// The README's table of environment variables is hand-written; this keeps it true to lib/settings.ts
// and to what the code reads: every setting has a row with its default, every row names a setting or a
// variable that only tests, the benchmark or the reliability scripts read, and nothing outside
// lib/settings.ts reads a Roster variable from process.env.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_SCHEMA, settingDocs } from "./settings";

const ROOT = join(__dirname, "..");

interface Row {
  names: string[];
  defaultCell: string;
  meaning: string;
}

function readmeRows(): Row[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^## Environment variables$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error("README.md has no '## Environment variables' section");
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const [names, defaultCell, meaning] = line.split(" | ").map((c) => c.replace(/^\| |\s*\|$/g, ""));
      return { names: [...names.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]), defaultCell, meaning };
    });
}

/** Source files that may read the environment, relative to the repository root. */
function sourceFiles(dir = ROOT): string[] {
  const skip = new Set(["node_modules", ".next", ".git", "generated", "data", "test-results", "playwright-report"]);
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skip.has(entry.name) ? [] : sourceFiles(path);
    const file = relative(ROOT, path);
    return /\.(ts|tsx|mjs|js|sh)$/.test(entry.name) && file !== "lib/settings-readme.test.ts" ? [file] : [];
  });
}

/** Variables a file reads: process.env.NAME, process.env["NAME"], and ${NAME:-…} in shell scripts. */
function variablesRead(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const pattern = file.endsWith(".sh") ? /\$\{([A-Z][A-Z0-9_]*):-/g : /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[["']([A-Z][A-Z0-9_]*)["']\])/g;
  return [...text.matchAll(pattern)].map((m) => m[1] ?? m[2]);
}

// Read by Next.js, next-auth, Prisma's CLI or CI themselves; Roster only sets or passes them on.
const OWNED_BY_TOOLS = new Set([
  "NODE_ENV",
  "NEXT_TELEMETRY_DISABLED",
  "NEXTAUTH_URL",
  "CI",
  "PRISMA_QUERY_ENGINE_LIBRARY",
  "PRISMA_SCHEMA_ENGINE_BINARY",
  // Set by Next.js (which runtime, which phase) and by Vercel (running there) for instrumentation.ts.
  "NEXT_RUNTIME",
  "NEXT_PHASE",
  "VERCEL",
]);

// Where test-only variables may be read: test support, tests, Playwright, the benchmark and the
// reliability scripts (never the server, the CLI or the migration script).
const TEST_ONLY_PLACES = /^(tests\/|e2e\/|playwright\.config\.ts$|scripts\/(bench|reliability)\/|scripts\/bench\.ts$|scripts\/(test|conformance)\.sh$|lib\/.*(\.test\.ts|test-fixtures\.ts|test-support\/.*)$)/;

describe("README environment table", () => {
  const rows = readmeRows();
  const settingNames = Object.keys(ENV_SCHEMA.shape);

  it("has a row for every setting, with its default", () => {
    for (const name of settingNames) {
      const row = rows.find((r) => r.names.includes(name));
      expect(row, `README row for ${name}`).toBeDefined();
      const doc = settingDocs.get(ENV_SCHEMA.shape[name as keyof typeof ENV_SCHEMA.shape]);
      expect(doc, `documentation of ${name} in lib/settings.ts`).toBeDefined();
      expect(row!.defaultCell, `README default of ${name}`).toContain(doc!.default);
    }
  });

  it("names only settings and variables that tests, the benchmark or the reliability scripts read", () => {
    const readByTests = new Set(sourceFiles().filter((f) => TEST_ONLY_PLACES.test(f)).flatMap(variablesRead));
    for (const name of rows.flatMap((r) => r.names)) {
      expect(settingNames.includes(name) || readByTests.has(name), `${name} in the README is neither a setting nor read by tests`).toBe(true);
    }
  });

  it("documents every variable a test, the benchmark or a reliability script reads", () => {
    const documented = new Set(rows.flatMap((r) => r.names));
    for (const file of sourceFiles().filter((f) => TEST_ONLY_PLACES.test(f))) {
      for (const name of variablesRead(file)) {
        if (OWNED_BY_TOOLS.has(name) || settingNames.includes(name)) continue;
        expect(documented.has(name), `${name} (read in ${file}) has no row in the README`).toBe(true);
      }
    }
  });

  it("leaves reading Roster's variables to lib/settings.ts", () => {
    const files = sourceFiles().filter((f) => !TEST_ONLY_PLACES.test(f) && f !== "lib/settings.ts");
    const offenders = files.flatMap((f) => variablesRead(f).filter((name) => !OWNED_BY_TOOLS.has(name)).map((name) => `${f}: ${name}`));
    // process.env handed around whole (`env = process.env`) is a read too; passing it on to a child
    // process (`...process.env`) or setting Next's own variables (`Object.assign(process.env, …)`) is not.
    const wholeEnv = files.filter((f) => /(?<!\.\.\.|Object\.assign\()process\.env\b(?![.[])/.test(readFileSync(join(ROOT, f), "utf8")));
    expect([...offenders, ...wholeEnv]).toEqual([]);
  });
});
