// A SCIM client against Roster's real handlers over real HTTP (loopback), with a fresh directory,
// API client and bearer token per suite, on the given database.
import { beforeAll, afterAll } from "vitest";
import type { DbKind } from "@/lib/db/client";
import { createApiClient } from "@/lib/directories/create-api-client";
import { createDirectory } from "@/lib/directories/create-directory";
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";
import { handleScimRequest } from "@/lib/scim-server/handle-scim-request";
import { useTestDatabase, type TestDatabase } from "./database";
import { startTestServer } from "./http-server";

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

  h.raw = async (path, init) => reply(await fetch(`${h.url}${path}`, init));

  h.newDirectory = async (name) => {
    const directory = await createDirectory({ name, active: true });
    const { apiClient, clientSecret } = await createApiClient({ directoryId: directory.id });
    const res = await fetch(`${h.url}/api/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: apiClient.clientId, client_secret: clientSecret }),
    });
    const json = (await res.json()) as { access_token: string };
    if (!json.access_token) throw new Error(`token request failed: ${JSON.stringify(json)}`);
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
    const started = await startTestServer({ "/api/scim/v2": (r) => handleScimRequest(r), "/api/oauth/token": handleTokenRequest });
    h.url = started.url;
    server.close = started.close;
    const dir = await h.newDirectory("Contoso");
    h.directoryId = dir.directoryId;
    h.token = dir.token;
  });
  afterAll(async () => {
    await server.close?.();
  });
  return h;
}
