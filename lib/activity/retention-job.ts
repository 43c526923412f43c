// The "activity-retention" job: once a minute, across all instances, delete activity rows and
// provisioning events past the retention period, enforce every directory's activity-row cap, and drop
// rate-limit counters whose window ended long ago. Each pass is bounded (lib/activity/prune-activity.ts);
// one that leaves work behind asks to run again soon.
import { defineJob } from "@/lib/jobs/define-job";
import { pruneRateLimits } from "@/lib/rate-limit/rate-limit";
import { pruneActivity } from "./prune-activity";

export const retentionJob = defineJob({
  name: "activity-retention",
  everyMs: 60_000,
  async run() {
    const result = await pruneActivity({ directoryIds: "all" });
    await pruneRateLimits();
    return { more: result.more };
  },
});
