// The server log: one JSON line per machine request with the fields an operator filters on, and never
// a secret, token, query string or body; the readable form `npm run dev` prints.
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleMachineRequest } from "@/lib/http/handle-machine-request";
import { processRegistry } from "@/lib/process-registry";
import { readable } from "./logger";

vi.mock("@/lib/activity/record-activity", () => ({ recordActivity: async () => undefined }));

function captureLog(): string[] {
  const lines: string[] = [];
  processRegistry().logger = pino({ level: "info", base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, { write: (line: string) => void lines.push(line) });
  return lines;
}

afterEach(() => {
  processRegistry().logger = undefined;
});

describe("the request log", () => {
  it("writes level, time, requestId, directoryId, operation, status and duration, and nothing secret", async () => {
    const lines = captureLog();
    const secret = "rs_client_secret_value_42";
    const response = await handleMachineRequest(
      new Request(`http://localhost/api/scim/v2/Users?access_token=${secret}`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/scim+json" }, body: JSON.stringify({ password: secret }) }),
      {
        protocol: "scim",
        operation: "unknown",
        authenticate: async () => ({ directoryId: "dir-1", clientId: "client-1" }),
        handle: async (call) => {
          call.note.operation = "user.create";
          call.note.requestBody = await call.request.text();
          return { status: 201, body: { id: "u-1", password: secret } };
        },
      },
    );
    expect(response.status).toBe(201);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toEqual({
      level: 30,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      msg: "request",
      requestId: response.headers.get("x-request-id"),
      directoryId: "dir-1",
      protocol: "scim",
      method: "POST",
      path: "/api/scim/v2/Users",
      operation: "user.create",
      status: 201,
      duration: expect.any(Number),
    });
    expect(lines[0]).not.toContain(secret);
  });

  it("logs a failure's stack at error level with its request id, not the request", async () => {
    const lines = captureLog();
    const response = await handleMachineRequest(new Request("http://localhost/api/v1/x?key=rk_secret"), {
      protocol: "v1",
      operation: "v1.unknown",
      handle: async () => {
        throw new Error("boom");
      },
    });
    expect(response.status).toBe(500);
    const [failure, request] = lines.map((l) => JSON.parse(l));
    expect(failure).toMatchObject({ level: 50, msg: "request failed", requestId: response.headers.get("x-request-id"), protocol: "v1", error: expect.stringContaining("boom") });
    expect(request).toMatchObject({ level: 30, status: 500 });
    expect(lines.join("")).not.toContain("rk_secret");
  });
});

describe("readable", () => {
  it("prints time, level, message and fields on one line", () => {
    expect(readable('{"level":30,"time":"2026-12-04T20:15:01.123Z","msg":"request","operation":"user.create","status":201}\n')).toBe(
      "20:15:01 INFO  request operation=user.create status=201\n",
    );
    expect(readable("not json\n")).toBe("not json\n");
  });
});
