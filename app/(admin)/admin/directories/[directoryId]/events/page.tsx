import type { Metadata } from "next";
import Link from "next/link";
import { describeEvent, EVENT_LABELS, EventBadge } from "@/components/event-badge";
import { FilterForm, FilterInput, FilterSelect } from "@/components/filter-form";
import { JsonBlock } from "@/components/json-block";
import { KeysetPagination } from "@/components/keyset-pagination";
import { formatDateTime, RelativeTime } from "@/components/relative-time";
import { EmptyState } from "@/components/ui/empty-state";
import { FEED_EVENT_TYPES } from "@/lib/directory-data/feed-event";
import { eventFilterSchema, listDirectoryEvents, type DirectoryEventRow } from "@/lib/admin/queries/list-directory-events";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { param, type SearchParams } from "@/lib/admin/queries/search-params";

export const metadata: Metadata = { title: "Events" };
export const dynamic = "force-dynamic";

/** What a consuming application receives for the event (GET /api/v1/events), or the stored payload of an older event. */
function eventJson(e: DirectoryEventRow, directoryId: string): unknown {
  if (e.seq === null) return e.payload;
  return { id: e.id, type: e.type, directoryId, occurredAt: e.createdAt.toISOString(), data: e.payload };
}

function resourceHref(base: string, e: DirectoryEventRow): string | null {
  if (e.type === "user.deleted" || e.type === "group.deleted") return null;
  if (e.resourceType === "User") return `${base}/users/${e.resourceId}`;
  if (e.resourceType === "Group") return `${base}/groups/${e.resourceId}`;
  return null;
}

export default async function EventsPage({ params, searchParams }: { params: Promise<{ directoryId: string }>; searchParams: Promise<SearchParams> }) {
  const { directory } = await loadDirectoryPage(params);
  const sp = await searchParams;
  const filter = eventFilterSchema.parse({ type: param(sp, "type"), resource: param(sp, "resource") });
  const page = await listDirectoryEvents({ directoryId: directory.id, filter, after: param(sp, "after"), before: param(sp, "before") });
  const directoryBase = `/admin/directories/${directory.id}`;
  const base = `${directoryBase}/events`;
  const filtered = Boolean(filter.type || filter.resource);

  return (
    <div className="space-y-4">
      <FilterForm action={base} label="Filter events" filtered={filtered}>
        <FilterSelect id="f-type" name="type" label="Event type" value={filter.type} anyLabel="Any type" options={FEED_EVENT_TYPES.map((t) => [t, `${EVENT_LABELS[t]?.label ?? t} (${t})`])} />
        <FilterInput id="f-resource" name="resource" label="Resource (user or group id)" value={filter.resource} mono />
      </FilterForm>

      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No events match these filters">Reset the filters to see every event of this directory.</EmptyState>
        ) : (
          <EmptyState title="No events yet">
            Every change the identity provider makes (users and groups created, updated, deleted, members added or removed) is recorded here, as applications read it from the events feed.
          </EmptyState>
        )
      ) : (
        <>
          <ol aria-label="Events, newest first" className="divide-y divide-slate-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            {page.items.map((e) => {
              const summary = describeEvent(e.type, e.payload);
              const resource = resourceHref(directoryBase, e);
              return (
                <li key={e.id} data-testid="event-row">
                  <details className="group">
                    <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 hover:bg-slate-50">
                      <RelativeTime date={e.createdAt} className="w-28 shrink-0 text-xs text-slate-600" />
                      <EventBadge type={e.type} />
                      <span className="min-w-0 flex-1 truncate text-sm text-slate-800" title={summary ?? undefined}>
                        {summary}
                      </span>
                      <span className="text-xs text-slate-500">Show JSON</span>
                    </summary>
                    <div className="space-y-3 border-t border-slate-100 bg-slate-50 px-4 py-3">
                      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-xs text-slate-700 sm:grid-cols-2">
                        <div>
                          <dt className="inline font-medium">Recorded: </dt>
                          <dd className="inline">{formatDateTime(e.createdAt)}</dd>
                        </div>
                        <div>
                          <dt className="inline font-medium">Resource: </dt>
                          <dd className="inline font-mono">
                            {resource ? (
                              <Link href={resource} className="text-indigo-700 hover:underline">
                                {e.resourceType} {e.resourceId}
                              </Link>
                            ) : (
                              `${e.resourceType} ${e.resourceId}`
                            )}
                          </dd>
                        </div>
                        <div>
                          <dt className="inline font-medium">Caused by: </dt>
                          <dd className="inline">
                            {e.activityId ? (
                              <Link href={`${directoryBase}/activity/${e.activityId}`} className="text-indigo-700 hover:underline">
                                the request in the activity log
                              </Link>
                            ) : e.requestId ? (
                              <span className="font-mono">request {e.requestId} (no longer in the activity log)</span>
                            ) : (
                              "a change in the console"
                            )}
                          </dd>
                        </div>
                        <div>
                          <dt className="inline font-medium">Feed position: </dt>
                          <dd className="inline tabular-nums">{e.seq ?? "not assigned yet"}</dd>
                        </div>
                      </dl>
                      <JsonBlock value={eventJson(e, directory.id)} label={`Event ${e.id} as JSON`} />
                    </div>
                  </details>
                </li>
              );
            })}
          </ol>
          <KeysetPagination basePath={base} params={{ type: filter.type, resource: filter.resource }} nextCursor={page.nextCursor} prevCursor={page.prevCursor} itemCount={page.items.length} noun="events" />
        </>
      )}
    </div>
  );
}
