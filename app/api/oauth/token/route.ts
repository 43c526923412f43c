// OAuth 2.0 token endpoint (client-credentials grant); see lib/oauth/handle-token-request.ts.
import { after } from "next/server";
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";

export const dynamic = "force-dynamic";

const handle = (request: Request) => handleTokenRequest(request, { defer: after });

export { handle as POST, handle as GET, handle as PUT, handle as PATCH, handle as DELETE };
