// next-auth 4 needs an absolute site URL. When NEXTAUTH_URL is not set, take Roster's public origin
// (ROSTER_BASE_URL, else the first request to /api/auth). It only feeds next-auth's redirect targets,
// which the redirect callback keeps on the same site anyway.
import { publicOrigin } from "@/lib/http/public-origin";

export function deriveNextAuthUrl(request: Request) {
  if (process.env.NEXTAUTH_URL) return;
  process.env.NEXTAUTH_URL = publicOrigin(request);
}
