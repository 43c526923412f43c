// The "sync-silence" job: once a minute, across all instances, marks directories whose identity
// provider went quiet (./detect-silence.ts) and prunes cycles past retention (./prune-sync-history.ts).
import { defineJob } from "@/lib/jobs/define-job";
import { detectSilence } from "./detect-silence";
import { pruneSyncHistory } from "./prune-sync-history";

export const syncSilenceJob = defineJob({
  name: "sync-silence",
  everyMs: 60_000,
  async run() {
    const result = await detectSilence();
    const pruned = await pruneSyncHistory();
    return { more: result.more || pruned.more };
  },
});
