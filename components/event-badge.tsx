// How a provisioning event reads in the console: a labelled badge and a one-line summary of its data.
// Events recorded before the events feed existed carry older payloads; they are summarised too.
import { Badge, type BadgeTone } from "@/components/ui/badge";

export const EVENT_LABELS: Record<string, { label: string; tone: BadgeTone }> = {
  "user.created": { label: "User created", tone: "green" },
  "user.updated": { label: "User updated", tone: "blue" },
  "user.deactivated": { label: "User deactivated", tone: "amber" },
  "user.reactivated": { label: "User reactivated", tone: "green" },
  "user.deleted": { label: "User deleted", tone: "red" },
  "group.created": { label: "Group created", tone: "green" },
  "group.updated": { label: "Group updated", tone: "blue" },
  "group.deleted": { label: "Group deleted", tone: "red" },
  "group.member_added": { label: "Member added", tone: "blue" },
  "group.member_removed": { label: "Member removed", tone: "amber" },
  "directory.created": { label: "Directory created", tone: "green" },
  "directory.activated": { label: "Directory activated", tone: "green" },
  "directory.deactivated": { label: "Directory deactivated", tone: "amber" },
  "directory.deleted": { label: "Directory deleted", tone: "red" },
  "directory.health_changed": { label: "Health changed", tone: "gray" },
};

export function EventBadge({ type }: { type: string }) {
  return <Badge tone={EVENT_LABELS[type]?.tone ?? "gray"}>{EVENT_LABELS[type]?.label ?? type}</Badge>;
}

const text = (v: unknown) => (typeof v === "string" ? v : undefined);

export function describeEvent(type: string, payload: unknown): string | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Record<string, unknown>;
  const user = text((p.user as Record<string, unknown> | undefined)?.userName);
  const group = text((p.group as Record<string, unknown> | undefined)?.displayName);
  if (Array.isArray(p.changed)) return `${user ?? group ?? ""}${user ?? group ? " · " : ""}${p.changed.length ? `Changed: ${p.changed.join(", ")}` : "No attribute changed"}`;
  if (user && group) return `${user} · ${group}`;
  if (user ?? group) return user ?? group ?? null;
  const health = p.health as Record<string, unknown> | undefined;
  if (type === "directory.health_changed" && health) return `${text(health.previousState)} → ${text(health.state)}: ${text(health.reason)}`;
  const directory = text((p.directory as Record<string, unknown> | undefined)?.name);
  if (directory) return directory;
  // Older payloads.
  if (Array.isArray(p.userIds)) return `${p.userIds.length} member${p.userIds.length === 1 ? "" : "s"}`;
  if (p.all === true) return "All members";
  if (type === "user.deleted" && typeof p.policy === "string") return `Policy: ${p.policy}`;
  return text(p.userName) ?? text(p.displayName) ?? null;
}
