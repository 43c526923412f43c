// A SCIM client against Roster's real handlers over real HTTP (loopback), with a fresh directory,
// API client and bearer token per suite, on the given database.
//
// With ROSTER_TEST_BASE_URLS=http://127.0.0.1:A,http://127.0.0.1:B the same suites run against
// external servers instead (e.g. two production instances on one database, ROSTER_TEST_DATABASE_URL):
// requests go to each base URL in turn, so a token issued by one instance is used on the other.
// `url` is then the first base URL; start the servers with ROSTER_BASE_URL set to it so that
// Location and meta.location agree whichever instance answers.
//
// Every SCIM response is checked as a strict RFC 7643/7644 client would (strict-scim-client.ts).
import { beforeAll, afterAll } from "vitest";
import type { Database, DbKind } from "@/lib/db/client";
import { createApiClient } from "@/lib/admin/api-clients/create-api-client";
import { createDirectory } from "@/lib/admin/directories/create-directory";
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";
import { handleScimRequest } from "@/lib/scim-server/handle-scim-request";
import { useTestDatabase, type TestDatabase } from "./database";
import { startTestServer } from "./http-server";
import { checkStrictScim } from "./strict-scim-client";
import { TEST_ACTOR } from "./audit";

export interface ScimReply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  text: string;
}

export interface ScimHarness {
  url: string;
  database: { current: TestDatabase };
  directoryId: string;
  token: string;
  /** Sends a SCIM request with the suite's token (or `headers.authorization` to override). */
  scim(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ScimReply>;
  /** A second directory with its own token, for tenant-isolation checks. */
  newDirectory(name: string): Promise<{ directoryId: string; token: string; clientId: string; clientSecret: string }>;
  raw(path: string, init: RequestInit): Promise<ScimReply>;
}

/** The external servers under test, in turn, or undefined to start an in-process one. */
export function externalBaseUrls(): string[] | undefined {
  const list = process.env.ROSTER_TEST_BASE_URLS?.split(",").map((s) => s.trim().replace(/\/+$/, "")).filter(Boolean);
  for (const url of list ?? []) {
    // The suites create and delete data: never let them loose on anything but this machine.
    if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(url)) throw new Error(`ROSTER_TEST_BASE_URLS must be loopback URLs, got ${url}`);
  }
  return list?.length ? list : undefined;
}

async function waitForActivityRow(db: Database, requestId: string) {
  for (let i = 0; i < 300; i++) {
    if (await db.prisma.activityLog.findFirst({ where: { requestId }, select: { id: true } })) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function reply(res: Response): Promise<ScimReply> {
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

export function useScimHarness(kind: DbKind): ScimHarness {
  const database = useTestDatabase(kind);
  const h = { database } as ScimHarness;
  const server: { close?: () => Promise<void> } = {};
  const external = externalBaseUrls();
  let turn = 0;
  // Which directory each token the harness obtained belongs to, for the strict-client check.
  const directoryOfToken = new Map<string, string>();

  h.raw = async (path, init) => {
    const base = external ? external[turn++ % external.length] : h.url;
    const r = await reply(await fetch(`${base}${path}`, init));
    if (path.startsWith("/api/scim/v2")) {
      const token = /^Bearer (.+)$/i.exec(new Headers(init.headers).get("authorization") ?? "")?.[1];
      const directoryId = token ? directoryOfToken.get(token) : undefined;
      await checkStrictScim({ method: init.method ?? "GET", path, requestBody: init.body, ...r }, { db: h.database.current.db, directoryId });
    }
    // A production server writes the activity-log row after answering (Next's `after`); suites read
    // the log right after a request, so wait for the row like the in-process server's inline write.
    const requestId = r.headers.get("x-request-id");
    if (external && requestId && r.status !== 429) await waitForActivityRow(h.database.current.db, requestId);
    return r;
  };

  h.newDirectory = async (name) => {
    const directory = await createDirectory({ name, active: true, actor: TEST_ACTOR });
    const { apiClient, clientSecret } = await createApiClient({ directoryId: directory.id, actor: TEST_ACTOR });
    const res = await h.raw("/api/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: apiClient.clientId, client_secret: clientSecret }),
    });
    const json = (res.body ?? {}) as { access_token: string };
    if (!json.access_token) throw new Error(`token request failed: ${JSON.stringify(json)}`);
    directoryOfToken.set(json.access_token, directory.id);
    return { directoryId: directory.id, token: json.access_token, clientId: apiClient.clientId, clientSecret };
  };

  h.scim = async (method, path, body, headers = {}) => {
    const init: RequestInit = {
      method,
      headers: { authorization: `Bearer ${h.token}`, ...(body !== undefined ? { "content-type": "application/scim+json" } : {}), ...headers },
    };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    return h.raw(`/api/scim/v2${path}`, init);
  };

  beforeAll(async () => {
    if (external) {
      h.url = external[0];
    } else {
      const started = await startTestServer({ "/api/scim/v2": (r) => handleScimRequest(r), "/api/oauth/token": handleTokenRequest });
      h.url = started.url;
      server.close = started.close;
    }
    const dir = await h.newDirectory("Contoso");
    h.directoryId = dir.directoryId;
    h.token = dir.token;
  });
  afterAll(async () => {
    await server.close?.();
  });
  return h;
}
