// The public origin for connection details shown to admins (Tenant URL, Token Endpoint), by the one
// rule in lib/http/public-origin.ts applied to next/headers (a server component has no Request).
import { headers } from "next/headers";
import { publicOrigin } from "@/lib/http/public-origin";

export async function getPublicOrigin(): Promise<string> {
  return publicOrigin({ headers: await headers() });
}
