// A real HTTP server on loopback that hands each request to Roster's Web-standard handlers (the same
// functions the Next.js route files call), routed by path prefix, through the same Node ⇄ Web bridge
// as the production server (lib/http/node-bridge.ts).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sendWebResponse, toWebRequest } from "@/lib/http/node-bridge";

export type Handler = (request: Request) => Promise<Response>;

export async function startTestServer(routes: Record<string, Handler>): Promise<{ url: string; close(): Promise<void> }> {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? "/").split("?")[0];
      const prefix = prefixes.find((p) => path === p || path.startsWith(p + "/"));
      if (!prefix) {
        res.statusCode = 404;
        res.end("no route");
        return;
      }
      await sendWebResponse(res, await routes[prefix](toWebRequest(req)));
      } catch (e) {
      res.statusCode = 599; // the handler threw: never what Roster should do, so make it stand out
      res.end(String((e as Error)?.stack ?? e));
    }
  });
  // Longer than any pause a suite makes between requests (bulk inserts on a loaded machine take
  // seconds): with Node's 5 s default, fetch could reuse a socket the server was just closing (ECONNRESET).
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
