// A bad environment variable stops each entry point at start, with the message on stderr and a non-zero
// exit code, before it touches the database (or, for npm start, builds or listens).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "roster-bad-settings-"));
const untouched = join(dir, "never-created.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runEntryPoint(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      env: { ...process.env, DATABASE_URL: `file:${untouched}`, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    // Should the value be taken after all, do not let `npm start` go on to build and serve.
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("a bad environment variable", () => {
  it.each([
    ["the CLI", "cli/roster.ts", ["directory", "list"]],
    ["npm start", "scripts/start.ts", []],
    ["npm run db:migrate (and so npm run dev)", "scripts/migrate.ts", []],
  ])("stops %s at start, naming the variable, its value and what it accepts", async (_name, script, args) => {
    const r = await runEntryPoint(script, args, { ROSTER_TOKEN_TTL_SECONDS: "abc" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ROSTER_TOKEN_TTL_SECONDS: got "abc"; expected an integer (values outside 300–86400 are clamped to it), or unset for 3600');
    expect(r.stdout).toBe("");
    expect(existsSync(untouched)).toBe(false);
  });

  it("DATABASE_URL of an unsupported database stops the migration", async () => {
    const r = await runEntryPoint("scripts/migrate.ts", [], { DATABASE_URL: "mysql://roster:s3cret@db/roster" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL: got "mysql://roster:***@db/roster"; expected file:<path> (SQLite) or postgresql://… (PostgreSQL)');
    expect(r.stderr).not.toContain("s3cret");
  });
});
