// next-auth 4 needs an absolute site URL. When neither NEXTAUTH_URL nor ROSTER_BASE_URL is set, take
// it from the first request to /api/auth (x-forwarded-proto/host behind a proxy, else Host). It only
// feeds next-auth's redirect targets, which the redirect callback keeps on the same site anyway.
export function deriveNextAuthUrl(request: Request) {
  if (process.env.NEXTAUTH_URL) return;
  const url = new URL(request.url);
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  process.env.NEXTAUTH_URL = `${proto}://${host}`;
}
