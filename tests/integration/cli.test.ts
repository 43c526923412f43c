// The roster CLI: in-process through runCli against the suite's database, and once as the real
// `npm run --silent roster -- …` process against a brand-new database, on SQLite and PostgreSQL.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "@/cli/run-cli";
import { createDb, setDbForTests } from "@/lib/db/client";
import { resolveDatabaseConfig, type DatabaseConfig } from "@/lib/db/config";
import { settings } from "@/lib/settings";
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";
import { DATABASE_KINDS, testPostgresAdminUrl, useTestDatabase } from "../support/database";
import { startTestServer } from "../support/http-server";
import { restoreTestEnv, setTestEnv } from "../support/settings";

const run$ = promisify(execFile);

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Asks the token endpoint, over HTTP, for a token with these credentials. */
async function tokenStatus(clientId: string, clientSecret: string): Promise<number> {
  const server = await startTestServer({ "/api/oauth/token": (r) => handleTokenRequest(r) });
  try {
    const res = await fetch(`${server.url}/api/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
    });
    const body = await res.json();
    if (res.status === 200) expect(body).toMatchObject({ token_type: "Bearer", access_token: expect.any(String) });
    return res.status;
  } finally {
    await server.close();
  }
}

/** A database nobody has migrated yet, as on a fresh machine. */
async function freshDatabase(kind: DatabaseConfig["kind"]): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "roster-cli-"));
    const file = join(dir, "nested", "roster.db");
    return { config: { kind, file, url: `file:${file}` }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `roster_cli_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testPostgresAdminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(testPostgresAdminUrl());
  url.pathname = `/${name}`;
  return {
    config: { kind, url: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: testPostgresAdminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

describe.each(DATABASE_KINDS)("roster CLI on %s", (kind) => {
  const database = useTestDatabase(kind);
  const env = () => {
    setTestEnv({ DATABASE_URL: database.current.config.url });
  };
  afterEach(() => {
    restoreTestEnv();
    setDbForTests(database.current.db);
  });

  it("directory create --json prints exactly one object whose credentials obtain a token", async () => {
    env();
    setTestEnv({ ROSTER_BASE_URL: "https://roster.example.com/" });
    const r = await run(["directory", "create", "--name", "Contoso", "--json"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out.split("\n")).toHaveLength(1);
    const json = JSON.parse(r.out);
    expect(json).toEqual({
      directory: { id: expect.any(String), name: "Contoso" },
      tenantUrl: "https://roster.example.com/api/scim/v2",
      tokenEndpoint: "https://roster.example.com/api/oauth/token",
      clientId: expect.stringMatching(/^roster_[0-9A-Za-z]{22}$/),
      clientSecret: expect.stringMatching(/^rs_[A-Za-z0-9_-]{43}$/),
    });
    expect((await database.current.db.prisma.directory.findUniqueOrThrow({ where: { id: json.directory.id } })).active).toBe(true);
    expect(await tokenStatus(json.clientId, json.clientSecret)).toBe(200);
  });

  it("directory create without --json prints the four values Entra ID needs, with the default base URL", async () => {
    env();
    const r = await run(["directory", "create", "--name=Fabrikam"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Tenant URL:     http://localhost:3000/api/scim/v2");
    expect(r.out).toContain("Token Endpoint: http://localhost:3000/api/oauth/token");
    expect(r.out).toMatch(/Client id: +roster_\w{22}/);
    expect(r.out).toMatch(/Client secret: +rs_[\w-]{43}/);
  });

  it("lists, deactivates, activates and deletes directories; --directory works for --id", async () => {
    env();
    const created = JSON.parse((await run(["directory", "create", "--name", "Lifecycle", "--json"])).out);
    const id = created.directory.id;
    const list = await run(["directory", "list", "--json"]);
    expect(JSON.parse(list.out)).toContainEqual(expect.objectContaining({ id, name: "Lifecycle", active: true, type: "scim" }));
    expect((await run(["directory", "list"])).out).toMatch(new RegExp(`${id}\\s+active\\s+Lifecycle`));

    expect(await run(["directory", "deactivate", "--id", id])).toMatchObject({ code: 0, out: 'Directory "Lifecycle" is now inactive.' });
    expect(await tokenStatus(created.clientId, created.clientSecret)).toBe(401);
    expect((await run(["directory", "activate", "--directory", id])).code).toBe(0);
    expect(await tokenStatus(created.clientId, created.clientSecret)).toBe(200);
    expect((await run(["directory", "delete", "--id", id])).code).toBe(0);
    expect(await database.current.db.prisma.directory.findUnique({ where: { id } })).toBeNull();
    expect(await tokenStatus(created.clientId, created.clientSecret)).toBe(401);
  });

  it("creates, lists and revokes API clients (by client id or row id), never printing a secret twice", async () => {
    env();
    const created = JSON.parse((await run(["directory", "create", "--name", "Clients", "--json"])).out);
    const dir = created.directory.id;
    const made = await run(["client", "create", "--directory", dir, "--label", "Entra production", "--json"]);
    const client = JSON.parse(made.out);
    expect(client).toMatchObject({ directoryId: dir, label: "Entra production", clientId: expect.stringMatching(/^roster_/), clientSecret: expect.stringMatching(/^rs_/) });
    expect(await tokenStatus(client.clientId, client.clientSecret)).toBe(200);

    const listed = await run(["client", "list", "--directory", dir, "--json"]);
    const rows = JSON.parse(listed.out);
    expect(rows.map((c: { clientId: string }) => c.clientId).sort()).toEqual([created.clientId, client.clientId].sort());
    expect(listed.out).not.toContain(created.clientSecret);
    expect(listed.out).not.toContain(client.clientSecret);
    expect(listed.out).not.toMatch(/secretHash|[0-9a-f]{64}/);
    expect((await run(["client", "list", "--directory", dir])).out).toContain("Entra production");

    expect(await run(["client", "revoke", "--directory", dir, "--client", client.clientId])).toMatchObject({ code: 0 });
    expect(await tokenStatus(client.clientId, client.clientSecret)).toBe(401);
    const byRowId = rows.find((c: { clientId: string }) => c.clientId === created.clientId).id;
    expect((await run(["client", "revoke", "--directory", dir, "--client", byRowId])).code).toBe(0);
    expect(await tokenStatus(created.clientId, created.clientSecret)).toBe(401);
  });

  it.each([
    [[], /Usage/, "err"],
    [["directory"], /needs a subcommand/, "err"],
    [["frobnicate"], /Unknown command "frobnicate"/, "err"],
    [["directory", "rename", "--id", "x"], /Unknown command "directory rename"/, "err"],
    [["directory", "create"], /--name is required/, "err"],
    [["directory", "create", "--name"], /--name needs a value/, "err"],
    [["directory", "create", "--name", "X", "--nmae", "Y"], /Unknown option --nmae/, "err"],
    [["directory", "create", "--name", "X", "stray"], /Unexpected argument "stray"/, "err"],
    [["directory", "create", "--name", "X", "--name", "Y"], /given twice/, "err"],
    [["directory", "create", "--name", " "], /--name is required/, "err"],
    [["directory", "create", "--name", "n".repeat(201)], /200 characters/, "err"],
    [["directory", "activate"], /--id is required/, "err"],
    [["client", "create"], /--directory is required/, "err"],
    [["client", "revoke", "--directory", "x"], /--client is required/, "err"],
    [["client", "list", "--directory", "x", "--json=yes"], /takes no value/, "err"],
  ])("refuses %j with exit code 2 and a message on stderr, changing nothing", async (argv, message, stream) => {
    env();
    const before = await database.current.db.prisma.directory.count();
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r[stream as "err"]).toMatch(message);
    expect(r.out).toBe("");
    expect(await database.current.db.prisma.directory.count()).toBe(before);
  });

  it("fails with exit code 1 and a clear message for unknown ids", async () => {
    env();
    const created = JSON.parse((await run(["directory", "create", "--name", "Other", "--json"])).out);
    const cases: [string[], RegExp][] = [
      [["directory", "activate", "--id", "no-such-id"], /Directory not found/],
      [["directory", "delete", "--id", "no-such-id"], /Directory not found/],
      [["client", "create", "--directory", "no-such-id"], /Directory not found/],
      [["client", "revoke", "--directory", "no-such-id", "--client", created.clientId], /API client not found/],
      [["client", "revoke", "--directory", created.directory.id, "--client", "roster_nobody"], /API client not found/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(" ")).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.out).toBe("");
    }
  });

  it("runs in-process against the suite's database, never the checkout's ./data/roster.db", async () => {
    // runCli migrates settings().database before every command.
    expect(await runCli(["directory", "list", "--json"], { out: () => undefined, err: () => undefined })).toBe(0);
    expect(settings().database.url).toBe(database.current.config.url);
    expect(settings().database).not.toEqual(resolveDatabaseConfig(undefined));
  });

  it("prints help on stdout with exit code 0", async () => {
    for (const argv of [["help"], ["--help"], ["directory", "create", "--help"]]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.out).toContain("directory create --name NAME");
      expect(r.err).toBe("");
    }
  });

  it("as the real `npm run --silent roster` process: migrates a brand-new database and prints only the JSON", async () => {
    const fresh = await freshDatabase(kind);
    try {
      const { stdout, stderr } = await run$("npm", ["run", "--silent", "roster", "--", "directory", "create", "--name", "Fresh machine", "--json"], {
        cwd: process.cwd(),
        env: { ...process.env, DATABASE_URL: fresh.config.url, ROSTER_BASE_URL: "https://scim.contoso.test" },
        timeout: 60_000,
      });
      expect(stderr).toBe("");
      const lines = stdout.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      const json = JSON.parse(lines[0]);
      expect(json).toMatchObject({ directory: { name: "Fresh machine" }, tenantUrl: "https://scim.contoso.test/api/scim/v2", tokenEndpoint: "https://scim.contoso.test/api/oauth/token" });

      // The server, on the same DATABASE_URL, accepts the printed credentials.
      const db = createDb(fresh.config);
      setDbForTests(db);
      try {
        expect(await tokenStatus(json.clientId, json.clientSecret)).toBe(200);
      } finally {
        setDbForTests(database.current.db);
        await db.prisma.$disconnect();
      }

      // A usage error from the real process: exit status 2, message on stderr, nothing on stdout.
      const bad = await run$("npm", ["run", "--silent", "roster", "--", "directory", "create"], { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: fresh.config.url } }).catch((e) => e);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("--name is required");
      expect(bad.stdout).toBe("");
    } finally {
      await fresh.drop();
    }
  });
});
