import type { IncomingMessage } from "node:http";

/**
 * The caller's address as the proxy in front of Roster reports it: the first X-Forwarded-For hop, else
 * X-Real-IP; undefined when neither is sent (a direct connection's socket address is not visible to a
 * Web Request, and a made-up placeholder would put every such caller in one rate-limit bucket).
 */
export function clientAddress(request: Pick<Request, "headers">): string | undefined {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip")?.trim() || undefined;
}

/**
 * For the front server (`npm start`): unless a proxy is trusted (ROSTER_TRUST_PROXY), the caller's
 * X-Forwarded-For and X-Real-IP are replaced by the socket's address before anything reads them, so a
 * direct caller cannot choose the address that rate limits, the activity log and the audit log see.
 */
export function pinClientAddress(req: Pick<IncomingMessage, "headers" | "socket">, trustProxy: boolean): void {
  if (trustProxy) return;
  delete req.headers["x-real-ip"];
  const socketAddress = req.socket.remoteAddress;
  if (socketAddress) req.headers["x-forwarded-for"] = socketAddress;
  else delete req.headers["x-forwarded-for"];
}
