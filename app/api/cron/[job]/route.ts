// One bounded pass of a background job for Vercel Cron; see lib/http/handle-cron-request.ts.
import { handleCronRequest } from "@/lib/http/handle-cron-request";

export const dynamic = "force-dynamic";

const handle = (request: Request) => handleCronRequest(request);

export { handle as GET, handle as POST };
