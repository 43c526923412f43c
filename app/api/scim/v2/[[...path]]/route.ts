// Every SCIM 2.0 request goes through one wrapper (lib/scim-server/handle-scim-request.ts).
import { after } from "next/server";
import { handleScimRequest } from "@/lib/scim-server/handle-scim-request";

export const dynamic = "force-dynamic";

const handle = (request: Request) => handleScimRequest(request, { defer: after });

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
