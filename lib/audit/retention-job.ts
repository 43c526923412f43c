// The "audit-retention" job: once an hour, across all instances, delete audit rows past
// ROSTER_AUDIT_RETENTION_DAYS; a pass that stops at its bound asks to run again soon.
import { defineJob } from "@/lib/jobs/define-job";
import { pruneAuditLog } from "./prune-audit-log";

export const auditRetentionJob = defineJob({
  name: "audit-retention",
  everyMs: 60 * 60_000,
  async run() {
    const { more } = await pruneAuditLog();
    return { more };
  },
});
