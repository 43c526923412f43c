// An administrator's role, named and coloured the same wherever the console shows it.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AdminPrincipal } from "@/lib/auth/permissions";

type Role = Pick<AdminPrincipal, "isOwner" | "canManageDirectories">;

export function adminRole(admin: Role): { label: string; tone: BadgeTone } {
  if (admin.isOwner) return { label: "Owner", tone: "indigo" };
  if (admin.canManageDirectories) return { label: "Directory manager", tone: "blue" };
  return { label: "Read-only", tone: "gray" };
}

export function AdminRoleBadge({ admin, className }: { admin: Role; className?: string }) {
  const { label, tone } = adminRole(admin);
  return (
    <Badge tone={tone} className={className}>
      {label}
    </Badge>
  );
}
