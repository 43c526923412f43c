// The "sync-silence" job: once a minute, across all instances, marks directories whose identity
// provider went quiet (./detect-silence.ts).
import { defineJob } from "@/lib/jobs/define-job";
import { detectSilence } from "./detect-silence";

export const syncSilenceJob = defineJob({
  name: "sync-silence",
  everyMs: 60_000,
  async run() {
    const result = await detectSilence();
    return { more: result.more };
  },
});
