// Feed read throughput: one poller walks the whole events feed of the main run's database with the
// function GET /api/v1/events calls (readEventFeed, 1,000 events a page), from the first event to
// the last, as a consumer catching up would.
import { createDb } from "@/lib/db/client";
import { resolveDatabaseConfig } from "@/lib/db/config";
import { readEventFeed } from "@/lib/events/read-event-feed";
import { log } from "../log";

export interface FeedReadResult {
  events: number;
  seconds: number;
  perSecond: number;
}

export async function runFeedRead(databaseUrl: string): Promise<FeedReadResult> {
  const db = createDb(resolveDatabaseConfig(databaseUrl));
  try {
    const started = performance.now();
    let events = 0;
    let after: string | undefined;
    for (;;) {
      const page = await readEventFeed({ db, after, limit: 1000 });
      events += page.data.length;
      after = page.next;
      if (!page.data.length) break;
    }
    const seconds = (performance.now() - started) / 1000;
    log(`feed read: ${events} events in ${seconds.toFixed(1)} s`);
    return { events, seconds, perSecond: events / seconds };
  } finally {
    await db.prisma.$disconnect();
  }
}
