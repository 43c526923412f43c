import { createHash } from "node:crypto";
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJsonBody } from "@/lib/scim-server/read-body";
import { sendWebResponse, textResponse, toWebRequest } from "./node-bridge";
import { apiRouteFor } from "./api-routes";
import { handleScimRequest } from "@/lib/scim-server/handle-scim-request";
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";
import { handleV1Request } from "@/lib/api-v1/handle-v1-request";

const LIMIT = 64 * 1024;

// Routes of the bridge under test: what a handler reads, and handlers that stop reading early or never start.
async function route(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path === "/echo-hash") {
    const bytes = Buffer.from(await request.arrayBuffer());
    return Response.json({ method: request.method, sha256: createHash("sha256").update(bytes).digest("hex"), length: bytes.length });
  }
  if (path === "/limited") {
    try {
      await readJsonBody(request, LIMIT);
      return new Response(null, { status: 204 });
    } catch (e) {
      return Response.json({ detail: (e as Error).message }, { status: (e as { status?: number }).status ?? 500 });
    }
  }
  if (path === "/ignore-body") return Response.json({ error: "unauthorised" }, { status: 401 });
  if (path === "/text") {
    const response = textResponse(JSON.stringify({ answer: "é".repeat(3) }), { status: 201, headers: { "content-type": "application/scim+json" } }, request);
    lastTextResponse = response;
    return response;
  }
  if (path === "/headers") {
    const headers = new Headers({ "x-frame-options": "SAMEORIGIN", "content-type": "application/scim+json" });
    headers.append("set-cookie", "a=1; HttpOnly");
    headers.append("set-cookie", "b=2; HttpOnly");
    return new Response(JSON.stringify({ seen: Object.fromEntries(request.headers) }), { status: 200, headers });
  }
  return new Response(null, { status: 404 });
}

let lastTextResponse: Response | undefined;
let server: Server;
let port: number;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    await sendWebResponse(res, await route(toWebRequest(req)), { "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Reply {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
  socketPort: number | undefined;
}

/** One request over the shared keep-alive agent; `chunks` are written one by one (chunked encoding). */
function send(method: string, path: string, chunks: Buffer[] = [], headers: Record<string, string | string[]> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, agent, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, socketPort: res.socket?.localPort }));
    });
    req.on("error", reject);
    (async () => {
      for (const chunk of chunks) {
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })().catch(reject);
  });
}

describe("Node ⇄ Web bridge", () => {
  it("delivers a multi-chunk body intact, with its method", async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(16 * 1024, i));
    const reply = await send("PATCH", "/echo-hash", chunks);
    const expected = createHash("sha256").update(Buffer.concat(chunks)).digest("hex");
    expect(JSON.parse(reply.body)).toEqual({ method: "PATCH", sha256: expected, length: 40 * 16 * 1024 });
  });

  it("answers 413 to an oversized chunked body while the client is still sending, and keeps the connection usable", async () => {
    const chunks = Array.from({ length: 200 }, () => Buffer.alloc(16 * 1024, 0x20)); // 3.2 MB of spaces
    const first = await send("POST", "/limited", chunks, { "content-type": "application/scim+json" });
    expect(first.status).toBe(413);
    expect(JSON.parse(first.body).detail).toMatch(/larger than the 65536-byte limit/);
    const second = await send("POST", "/limited", [Buffer.from('{"a":1}')], { "content-type": "application/json" });
    expect(second.status).toBe(204);
    expect(second.socketPort).toBe(first.socketPort); // the same keep-alive connection
  });

  it("answers a handler that never reads the body and serves the next request on the same connection", async () => {
    const first = await send("POST", "/ignore-body", [Buffer.alloc(512 * 1024, 0x41)]);
    expect(first.status).toBe(401);
    const second = await send("GET", "/echo-hash");
    expect(second.status).toBe(200);
    expect(JSON.parse(second.body)).toMatchObject({ method: "GET", length: 0 });
    expect(second.socketPort).toBe(first.socketPort);
  });

  it("passes request headers through and merges default headers the response may override", async () => {
    const reply = await send("GET", "/headers", [], { authorization: "Bearer abc", "x-forwarded-proto": "https", accept: ["application/scim+json", "application/json"] });
    const seen = JSON.parse(reply.body).seen;
    expect(seen.authorization).toBe("Bearer abc");
    expect(seen["x-forwarded-proto"]).toBe("https");
    expect(seen.accept).toBe("application/scim+json, application/json");
    expect(seen.host).toBe(`127.0.0.1:${port}`);
    expect(reply.headers["x-frame-options"]).toBe("SAMEORIGIN"); // the response's own value wins
    expect(reply.headers["x-content-type-options"]).toBe("nosniff"); // the default fills in
    expect(reply.headers["set-cookie"]).toEqual(["a=1; HttpOnly", "b=2; HttpOnly"]);
    expect(reply.headers["content-length"]).toBe(String(Buffer.byteLength(reply.body)));
  });
});

describe("textResponse", () => {
  it("answers a bridged request from its text, without a body stream on the Response", async () => {
    const reply = await send("GET", "/text");
    expect(reply.status).toBe(201);
    expect(JSON.parse(reply.body)).toEqual({ answer: "ééé" });
    expect(reply.headers["content-length"]).toBe(String(Buffer.byteLength(reply.body)));
    expect(reply.headers["content-type"]).toBe("application/scim+json");
    expect(lastTextResponse?.body).toBeNull();
  });

  it("gives any other request's answer its body (Next's route files send the Response as it is)", async () => {
    const response = textResponse('{"a":1}', { status: 200 }, new Request("http://localhost/api/scim/v2/Users"));
    expect(await response.text()).toBe('{"a":1}');
    expect(await textResponse("[]", { status: 200 }).text()).toBe("[]");
  });
});

describe("which requests the production server answers without Next.js", () => {
  it("matches the route files: the SCIM base URL and below, the token endpoint exactly, /api/v1 and below, the exported methods", () => {
    for (const target of ["/api/scim/v2", "/api/scim/v2/", "/api/scim/v2/Users", "/api/scim/v2/Users?filter=userName%20eq%20%22a%22", "/api/scim/v2?x=1", "/api/scim/v2/Groups/abc"]) {
      expect(apiRouteFor("GET", target)?.handle, target).toBe(handleScimRequest);
    }
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(apiRouteFor(method, "/api/scim/v2/Users")?.handle).toBe(handleScimRequest);
    expect(apiRouteFor("POST", "/api/oauth/token")?.handle).toBe(handleTokenRequest);
    expect(apiRouteFor("POST", "/api/oauth/token?x=1")?.handle).toBe(handleTokenRequest);
    for (const target of ["/api/v1", "/api/v1/", "/api/v1/openapi.json", "/api/v1/events?after=abc", "/api/v1?x=1", "/api/v1/directories/d1/users"]) {
      expect(apiRouteFor("GET", target), target).toEqual({ protocol: "v1", handle: handleV1Request });
    }
    // 405 in the v1 error shape, not Next's, for the methods the route file exports.
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(apiRouteFor(method, "/api/v1/events")?.protocol).toBe("v1");
    for (const [method, target] of [
      ["HEAD", "/api/scim/v2/Users"],
      ["OPTIONS", "/api/scim/v2/Users"],
      ["GET", "/api/scim/v2x"],
      ["GET", "/api/scim/V2/Users"],
      ["POST", "/api/oauth/token/x"],
      ["POST", "/api/oauth/tokens"],
      ["GET", "/api/v1x"],
      ["GET", "/api/v2/events"],
      ["HEAD", "/api/v1/events"],
      ["GET", "/api/health"],
      ["GET", "/admin"],
      ["GET", "//api/scim/v2/Users"],
    ]) {
      expect(apiRouteFor(method, target), `${method} ${target}`).toBeUndefined();
    }
  });
});
