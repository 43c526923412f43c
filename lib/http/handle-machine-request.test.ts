// The wrapper's own contract, without a database: request id on the answer and the row, errors in the
// protocol's shape, the rate limit before the handler, the throttled-log decision honoured, the row
// written only after the response (defer).
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActivityEntry } from "@/lib/activity/record-activity";
import { ApiError } from "./machine-errors";
import { handleMachineRequest, type MachineEndpoint, type RateVerdict } from "./handle-machine-request";

const rows: ActivityEntry[] = [];
vi.mock("@/lib/activity/record-activity", () => ({ recordActivity: async (entry: ActivityEntry) => void rows.push(entry) }));

beforeEach(() => {
  rows.length = 0;
});

const request = (path = "/api/v1/directories?limit=2", headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { headers: { host: "roster.example", "x-forwarded-for": "203.0.113.9", "user-agent": "test", ...headers } });

function endpoint(overrides: Partial<MachineEndpoint<{ directoryId: string; clientId: string }>> = {}): MachineEndpoint<{ directoryId: string; clientId: string }> {
  return {
    protocol: "v1",
    operation: "v1.unknown",
    authenticate: async () => ({ directoryId: "dir-1", clientId: "key-1" }),
    handle: async (call) => {
      call.note.operation = "directory.list";
      return { status: 200, body: { origin: call.origin, address: call.clientAddress } };
    },
    ...overrides,
  };
}

describe("handleMachineRequest", () => {
  it("answers with the request id, the protocol's headers, and writes one row after the response", async () => {
    const deferred: (() => Promise<void>)[] = [];
    const response = await handleMachineRequest(request(), endpoint(), { defer: (task) => deferred.push(task) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ origin: "http://roster.example", address: "203.0.113.9" });
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows).toHaveLength(0);
    await deferred[0]();
    expect(rows).toEqual([
      expect.objectContaining({ requestId: id, kind: "api", directoryId: "dir-1", clientId: "key-1", operation: "directory.list", status: 200, query: "limit=2", ip: "203.0.113.9", path: "/api/v1/directories" }),
    ]);
  });

  it("maps a thrown error through the table and logs its detail", async () => {
    const response = await handleMachineRequest(request(), endpoint({ handle: async () => Promise.reject(new ApiError("gone", "The cursor has expired")) }));
    expect(response.status).toBe(410);
    expect(await response.json()).toEqual({ error: { code: "gone", message: "The cursor has expired" } });
    expect(rows[0]).toMatchObject({ status: 410, errorDetail: "The cursor has expired" });
  });

  it("refuses before the handler when the rate limit says so, and logs the refusal only when told to", async () => {
    const handle = vi.fn();
    let verdict: RateVerdict = { allowed: false, retryAfterSeconds: 7, message: "Too many requests", log: { write: true, unloggedBefore: 3 } };
    const limited = endpoint({ rateLimit: () => verdict, handle });
    const first = await handleMachineRequest(request(), limited);
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("7");
    expect(await first.json()).toEqual({ error: { code: "rate_limited", message: "Too many requests" } });
    expect(rows[0]).toMatchObject({ operation: "rate_limited", errorDetail: "Too many requests (3 more throttled requests since the last logged one)" });
    verdict = { ...verdict, log: { write: false } };
    expect((await handleMachineRequest(request(), limited)).status).toBe(429);
    expect(rows).toHaveLength(1);
    expect(handle).not.toHaveBeenCalled();
  });

  it("lets an anonymous request through without the rate limit when authenticate allows it", async () => {
    const rateLimit = vi.fn();
    const response = await handleMachineRequest(request(), endpoint({ authenticate: async () => undefined, rateLimit }));
    expect(response.status).toBe(200);
    expect(rateLimit).not.toHaveBeenCalled();
    expect(rows[0]).toMatchObject({ directoryId: undefined });
  });

  it("keeps the logged body apart from the sent one, and hides the query when asked", async () => {
    const response = await handleMachineRequest(
      request("/api/oauth/token?client_secret=x"),
      {
        protocol: "oauth",
        operation: "token.denied",
        logQuery: false,
        handle: async () => ({ status: 200, body: { access_token: "t" }, loggedBody: { access_token: "[redacted]" } }),
      },
    );
    expect(response.headers.get("pragma")).toBe("no-cache");
    expect(await response.json()).toEqual({ access_token: "t" });
    expect(rows[0]).toMatchObject({ kind: "token", query: "", responseBody: '{"access_token":"[redacted]"}' });
  });

  it("names the server-error operation on a 500 and says nothing of the error", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await handleMachineRequest(request(), endpoint({ serverErrorOperation: "v1.error", handle: async () => Promise.reject(new Error("internal secret")) }));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("internal secret");
    expect(text).toContain(response.headers.get("x-request-id"));
    expect(rows[0]).toMatchObject({ operation: "v1.error", status: 500 });
  });
});
