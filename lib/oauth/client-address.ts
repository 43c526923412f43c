/** The caller's address as the proxy in front of Roster reports it (first X-Forwarded-For hop). */
export function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip")?.trim() || "unknown";
}
