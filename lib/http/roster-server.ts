// The production server behind `npm start`: Node's http server in front of Next.js. The identity
// providers' API (SCIM and the token endpoint) is answered here by the same handler functions the
// Next.js route files call; everything else (admin pages, sign-in, health, static files) goes to Next.
// Why: Next's request pipeline costs about 1 ms of CPU per request before a route handler runs, which
// on a 2-core machine capped a provisioning cycle near 1,000 requests/s whatever the handler did. The
// route files still serve the API under `next dev` and on Vercel, so both paths must stay equivalent:
// same handlers, same security headers (read from next.config.js), same methods.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import next from "next";
import { startBackgroundJobs, stopBackgroundJobs } from "@/lib/background-jobs";
import { getDb } from "@/lib/db/client";
import { settings } from "@/lib/settings";
import { apiRouteFor, type ApiRoute } from "./api-routes";
import { pinClientAddress } from "./client-address";
import { CONTENT_TYPES } from "./handle-machine-request";
import { render } from "./machine-errors";
import { sendWebResponse, toWebRequest } from "./node-bridge";

/** The headers next.config.js gives every response (one list for both servers). */
async function loadSecurityHeaders(dir: string): Promise<Record<string, string>> {
  const file = path.join(dir, "next.config.js");
  const config = createRequire(file)(file) as { headers?: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
  const rules = (await config.headers?.()) ?? [];
  const headers: Record<string, string> = {};
  for (const rule of rules) {
    // Only the catch-all rule is understood here; anything narrower would silently not apply to the API.
    if (rule.source !== "/:path*") throw new Error(`next.config.js header rule for ${rule.source} is not supported by lib/http/roster-server.ts`);
    for (const { key, value } of rule.headers) headers[key] = value;
  }
  return headers;
}

export interface RosterServerOptions {
  port: number;
  /** Interface to listen on; all interfaces when undefined. */
  hostname?: string;
  /** Project directory holding the production build (.next) and next.config.js. */
  dir?: string;
}

export interface RosterServer {
  server: Server;
  port: number;
  /** Stops accepting connections, lets requests in flight and their activity-log writes finish. */
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

export async function startRosterServer({ port, hostname, dir = process.cwd() }: RosterServerOptions): Promise<RosterServer> {
  // The process-wide database client is made here, before Next loads its own copy of lib/db/client.ts,
  // which then finds it in the process registry (lib/process-registry.ts): one client, one SQLite connection.
  getDb();
  // Before Next loads its copy of lib/: its instrumentation hook then finds this loop and starts none.
  startBackgroundJobs();
  const app = next({ dev: false, dir, hostname, port });
  await app.prepare();
  const handleWithNext = app.getRequestHandler();
  const securityHeaders = await loadSecurityHeaders(dir);
  const afterResponse = new Set<Promise<void>>();

  async function serveApi(route: ApiRoute, req: IncomingMessage, res: ServerResponse) {
    const tasks: (() => Promise<void>)[] = [];
    try {
      const response = await route.handle(toWebRequest(req), { defer: (task) => tasks.push(task) });
      await sendWebResponse(res, response, securityHeaders);
    } catch (e) {
      // The handlers map every error to a protocol answer; only a broken connection gets here.
      if (!res.headersSent) {
        // In the protocol's own error shape, through the one table.
        const failure = render(route.protocol, "internal", "Internal server error");
        res.writeHead(500, { ...securityHeaders, "content-type": CONTENT_TYPES[route.protocol], "cache-control": "no-store" });
        res.end(JSON.stringify(failure.body));
      } else res.destroy();
      console.error("[roster] API request failed:", (e as Error)?.message ?? e);
    }
    // Like Next's `after`: the activity-log write runs once the answer is on its way.
    for (const task of tasks) {
      const running = task().catch(() => undefined);
      afterResponse.add(running);
      void running.finally(() => afterResponse.delete(running));
    }
  }

  const { trustProxy } = settings();
  const server = createServer((req, res) => {
    pinClientAddress(req, trustProxy);
    const api = apiRouteFor(req.method, req.url);
    if (api) {
      void serveApi(api, req, res);
      return;
    }
    handleWithNext(req, res).catch((e: unknown) => {
      console.error("[roster] request failed:", (e as Error)?.message ?? e);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });

  return {
    server,
    port: (server.address() as AddressInfo).port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const forced = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(forced);
      await stopBackgroundJobs();
      await Promise.allSettled(afterResponse);
      await app.close();
    },
  };
}
