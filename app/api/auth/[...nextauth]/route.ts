// next-auth's endpoints (/api/auth/*) with options loaded asynchronously (see lib/auth/auth-options.ts).
import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { deriveNextAuthUrl } from "@/lib/auth/derive-nextauth-url";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: RouteContext) {
  const options = await getAuthOptions();
  deriveNextAuthUrl(request);
  return NextAuth(request as never, context as never, options);
}

export { handler as GET, handler as POST };
