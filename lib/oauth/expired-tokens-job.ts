// The "expired-tokens" job: expired access tokens are useless, so they are deleted in bounded batches
// once a minute (across all instances), and the table cannot grow forever.
import { getDb } from "@/lib/db/client";
import { defineJob } from "@/lib/jobs/define-job";

const BATCH = 1000;

export const expiredTokensJob = defineJob({
  name: "expired-tokens",
  everyMs: 60_000,
  async run() {
    const db = getDb().prisma;
    const expired = await db.accessToken.findMany({ where: { expiresAt: { lt: new Date() } }, select: { id: true }, take: BATCH });
    if (expired.length) await db.accessToken.deleteMany({ where: { id: { in: expired.map((t) => t.id) } } });
    return { more: expired.length === BATCH };
  },
});
