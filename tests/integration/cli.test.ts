// The roster CLI against a real database: create, list, (de)activate, clients, and its errors.
import { describe, expect, it } from "vitest";
import { runCli } from "@/cli/run-cli";
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe.each(DATABASE_KINDS)("roster CLI on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("directory create --json prints exactly one object whose credentials obtain a token", async () => {
    process.env.DATABASE_URL = database.current.config.url;
    process.env.ROSTER_BASE_URL = "https://roster.example.com/";
    try {
      const r = await run(["directory", "create", "--name", "Contoso", "--json"]);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect(Object.keys(json).sort()).toEqual(["clientId", "clientSecret", "directory", "tenantUrl", "tokenEndpoint"]);
      expect(json.tenantUrl).toBe("https://roster.example.com/api/scim/v2");
      expect(json.tokenEndpoint).toBe("https://roster.example.com/api/oauth/token");
      expect(json.directory.name).toBe("Contoso");
      const res = await handleTokenRequest(
        new Request("http://x/api/oauth/token", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ grant_type: "client_credentials", client_id: json.clientId, client_secret: json.clientSecret }),
        }),
      );
      expect(res.status).toBe(200);

      const list = await run(["directory", "list", "--json"]);
      expect(JSON.parse(list.out).map((d: { id: string }) => d.id)).toContain(json.directory.id);
      expect((await run(["directory", "deactivate", "--id", json.directory.id])).code).toBe(0);
      expect((await database.current.db.directory.findUnique({ where: { id: json.directory.id } }))?.active).toBe(false);
      const client = await run(["client", "create", "--directory", json.directory.id, "--json"]);
      expect(JSON.parse(client.out).clientSecret).toBeTruthy();
      const clients = await run(["client", "list", "--directory", json.directory.id, "--json"]);
      expect(JSON.parse(clients.out)).toHaveLength(2);
      expect(clients.out).not.toContain(json.clientSecret);
      expect((await run(["client", "revoke", "--directory", json.directory.id, "--client", json.clientId])).code).toBe(0);
      expect((await run(["directory", "delete", "--id", json.directory.id])).code).toBe(0);
    } finally {
      delete process.env.DATABASE_URL;
      delete process.env.ROSTER_BASE_URL;
    }
  });

  it("fails clearly with a non-zero exit for bad arguments and unknown ids", async () => {
    process.env.DATABASE_URL = database.current.config.url;
    try {
      const noName = await run(["directory", "create"]);
      expect(noName.code).toBe(2);
      expect(noName.err).toContain("--name is required");
      expect((await run(["frobnicate"])).code).toBe(2);
      expect((await run([])).code).toBe(2);
      const unknown = await run(["directory", "activate", "--id", "no-such-id"]);
      expect(unknown.code).toBe(1);
      expect(unknown.err).toContain("Directory not found");
      expect((await run(["client", "revoke", "--directory", "x", "--client", "y"])).code).toBe(1);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
