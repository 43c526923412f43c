// An administrator's role, named and coloured the same wherever the console shows it.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { roleLabels, roleOf, type AdminPrincipal, type AdminRole } from "@/lib/auth/permissions";

type Role = Pick<AdminPrincipal, "isOwner" | "canManageDirectories">;

const TONES: Record<AdminRole, BadgeTone> = { owner: "indigo", directoryManager: "blue", viewer: "gray" };

export function AdminRoleBadge({ admin, className }: { admin: Role; className?: string }) {
  const role = roleOf(admin);
  return (
    <Badge tone={TONES[role]} className={className}>
      {roleLabels[role]}
    </Badge>
  );
}
