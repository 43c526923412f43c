// The "webhooks" job: one bounded delivery pass (deliver-webhooks.ts) every two seconds across all
// instances, then the delivery log's retention. Under `npm start` the in-process loop runs it (at once
// again while work is left); on Vercel, Cron calls GET /api/cron/webhooks (README: "Webhooks").
import { getDb } from "@/lib/db/client";
import { defineJob } from "@/lib/jobs/define-job";
import { holderName } from "@/lib/jobs/run-job";
import { deliverWebhooks } from "./deliver-webhooks";
import { pruneWebhookAttempts } from "./prune-webhook-attempts";

const holder = holderName();

export const webhookJob = defineJob({
  name: "webhooks",
  everyMs: 2000,
  // Renewed every 5 s while a pass runs; a crashed holder blocks delivery for 15 s at most.
  leaseMs: 15_000,
  async run({ signal }) {
    const db = getDb();
    const delivery = await deliverWebhooks({ db, holder, signal });
    const pruneMore = await pruneWebhookAttempts({ db });
    return { more: delivery.more || pruneMore };
  },
});
