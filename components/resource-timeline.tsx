import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import { Badge, HttpStatusBadge, type BadgeTone } from "@/components/ui/badge";
import type { TimelineEntry } from "@/lib/admin/queries/timeline";

const EVENT_LABELS: Record<string, { label: string; tone: BadgeTone }> = {
  "user.created": { label: "User created", tone: "green" },
  "user.updated": { label: "User updated", tone: "blue" },
  "user.deactivated": { label: "User deactivated", tone: "amber" },
  "user.reactivated": { label: "User reactivated", tone: "green" },
  "user.deleted": { label: "User deleted", tone: "red" },
  "group.created": { label: "Group created", tone: "green" },
  "group.updated": { label: "Group updated", tone: "blue" },
  "group.deleted": { label: "Group deleted", tone: "red" },
  "group.member_added": { label: "Members added", tone: "blue" },
  "group.member_removed": { label: "Members removed", tone: "amber" },
};

function describePayload(type: string, payload: unknown): string | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Record<string, unknown>;
  if (Array.isArray(p.changed)) return p.changed.length ? `Changed: ${p.changed.join(", ")}` : "No attribute changed";
  if (Array.isArray(p.userIds)) return `${p.userIds.length} member${p.userIds.length === 1 ? "" : "s"}`;
  if (p.all === true) return "All members";
  if (type === "user.deleted" && typeof p.policy === "string") return `Policy: ${p.policy}`;
  if (typeof p.userName === "string") return p.userName;
  if (typeof p.displayName === "string") return p.displayName;
  return null;
}

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
                <Badge tone={EVENT_LABELS[e.type]?.tone ?? "gray"}>{EVENT_LABELS[e.type]?.label ?? e.type}</Badge>
                <RelativeTime date={e.createdAt} className="text-xs text-slate-600" />
              </div>
              {describePayload(e.type, e.payload) ? <p className="mt-1 break-words text-sm text-slate-700">{describePayload(e.type, e.payload)}</p> : null}
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
