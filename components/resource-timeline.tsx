import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import { describeEvent, EventBadge } from "@/components/event-badge";
import { HttpStatusBadge } from "@/components/ui/badge";
import type { TimelineEntry } from "@/lib/admin/queries/timeline";

export function ResourceTimeline({ entries, directoryId }: { entries: TimelineEntry[]; directoryId: string }) {
  if (!entries.length) return <p className="text-sm text-slate-500">No recorded activity for this resource.</p>;
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-5" aria-label="Activity timeline">
      {entries.map((e) => (
        <li key={`${e.kind}-${e.id}`} className="relative">
          <span className="absolute -left-[25px] top-1.5 size-2.5 rounded-full bg-white ring-2 ring-slate-300" aria-hidden="true" />
          {e.kind === "event" ? (
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2">
                <EventBadge type={e.type} />
                <RelativeTime date={e.createdAt} className="text-xs text-slate-600" />
              </div>
              {describeEvent(e.type, e.payload) ? <p className="mt-1 break-words text-sm text-slate-700">{describeEvent(e.type, e.payload)}</p> : null}
            </div>
          ) : (
            <Link href={`/admin/directories/${directoryId}/activity/${e.id}`} className="group block min-w-0 rounded-md">
              <div className="flex flex-wrap items-center gap-2">
                <HttpStatusBadge status={e.status} />
                <span className="truncate font-mono text-[13px] text-slate-800 group-hover:underline">
                  {e.method} {e.path}
                </span>
                <RelativeTime date={e.createdAt} className="text-xs text-slate-600" />
              </div>
              <p className="mt-1 truncate text-xs text-slate-600">
                {e.operation}
                {e.errorDetail ? ` · ${e.errorDetail}` : ""}
              </p>
            </Link>
          )}
        </li>
      ))}
    </ol>
  );
}
