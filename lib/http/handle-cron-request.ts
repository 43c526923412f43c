// GET|POST /api/cron/<job>: one bounded pass of a background job, for hosts without a long-running
// process. Vercel Cron calls it with `Authorization: Bearer $CRON_SECRET`; without that exact header
// (or with no CRON_SECRET configured) the answer is 401, for a job that does not exist 404, else 200
// {"job","ran","more"} — ran is false while another instance holds the job's lease.
import { findBackgroundJob } from "@/lib/background-jobs";
import { holderName, runJob } from "@/lib/jobs/run-job";
import { settings } from "@/lib/settings";
import { presentsSecret } from "./bearer-secret";
import { handleMachineRequest, type Caller, type MachineEndpoint } from "./handle-machine-request";
import { ApiError } from "./machine-errors";

const holder = holderName();

const CRON_ENDPOINT: MachineEndpoint<Caller> = {
  protocol: "v1",
  operation: "cron",
  // A scheduler's call every minute is not provisioning traffic; the job's outcome is in JobLease.
  logActivity: false,
  async authenticate(request) {
    if (!presentsSecret(request.headers.get("authorization"), settings().jobs.cronSecret)) {
      throw new ApiError("unauthorized", "Send Authorization: Bearer <CRON_SECRET>", { "WWW-Authenticate": 'Bearer realm="roster-cron"' });
    }
    return {};
  },
  async handle(call) {
    if (call.method !== "GET" && call.method !== "POST") throw new ApiError("method_not_allowed", "Use GET or POST", { Allow: "GET, POST" });
    const name = call.url.pathname.replace(/^.*?\/api\/cron\/?/, "");
    const job = findBackgroundJob(name);
    if (!job) throw new ApiError("not_found", `No background job "${name.slice(0, 100)}"`);
    const result = await runJob(job, { holder, force: true });
    if (result.ran && result.error) throw new ApiError("internal", `Job ${job.name} failed; its error is recorded in JobLease.lastError`);
    return { status: 200, body: { job: job.name, ran: result.ran, ...(result.ran ? { more: result.more } : {}) } };
  },
};

export function handleCronRequest(request: Request): Promise<Response> {
  return handleMachineRequest(request, CRON_ENDPOINT);
}
