// Every /api/v1 request goes through one handler (lib/api-v1/handle-v1-request.ts); `npm start` serves
// the same handler without Next (lib/http/api-routes.ts).
import { after } from "next/server";
import { handleV1Request } from "@/lib/api-v1/handle-v1-request";

export const dynamic = "force-dynamic";

const handle = (request: Request) => handleV1Request(request, { defer: after });

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
