/**
 * The caller's address as the proxy in front of Roster reports it: the first X-Forwarded-For hop, else
 * X-Real-IP; undefined when neither is sent (a direct connection's socket address is not visible to a
 * Web Request, and a made-up placeholder would put every such caller in one rate-limit bucket).
 */
export function clientAddress(request: Pick<Request, "headers">): string | undefined {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip")?.trim() || undefined;
}
