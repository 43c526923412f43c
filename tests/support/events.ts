// Helpers for the events-feed suites: a provisioning context on a test database, and the feed read
// by the same function the API uses.
import type { Database } from "@/lib/db/client";
import type { FeedEvent } from "@/lib/directory-data/feed-event";
import { readEventFeed } from "@/lib/events/read-event-feed";
import type { ProvisioningContext } from "@/lib/provisioning/context";

export { SCHEMA_GROUP as GROUP_SCHEMA, SCHEMA_PATCH_OP as PATCH_SCHEMA, SCHEMA_USER as USER_SCHEMA } from "@/lib/scim/schema";

export function provisioningContext(db: Database, directoryId: string, requestId?: string): ProvisioningContext {
  return { db, directoryId, requestId, baseUrl: "http://roster.test/api/scim/v2" };
}

/** Every event from the start (or `after`), in pages of `limit`, until a page comes back empty. */
export async function walkFeed(db: Database, options: { limit?: number; after?: string; directoryIds?: string[] } = {}): Promise<{ events: FeedEvent[]; next: string }> {
  const events: FeedEvent[] = [];
  let after = options.after;
  for (;;) {
    const page = await readEventFeed({ db, after, limit: options.limit ?? 1000, directoryIds: options.directoryIds });
    events.push(...page.data);
    after = page.next;
    if (!page.data.length) return { events, next: page.next };
  }
}
