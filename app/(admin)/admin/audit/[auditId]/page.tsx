import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccessDenied } from "@/components/access-denied";
import { JsonBlock } from "@/components/json-block";
import { DateTime } from "@/components/relative-time";
import { Card } from "@/components/ui/card";
import { DescriptionItem, DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { getAuditEntry } from "@/lib/admin/queries/list-audit-log";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/audit-actions";
import { hasPermission } from "@/lib/auth/permissions";
import { requireAdmin } from "@/lib/auth/require-admin";

export const metadata: Metadata = { title: "Audit entry" };
export const dynamic = "force-dynamic";

const ACTOR_TYPES: Record<string, string> = { admin: "Admin (console)", cli: "roster CLI", system: "Roster", anonymous: "Not signed in" };

export default async function AuditEntryPage({ params }: { params: Promise<{ auditId: string }> }) {
  const me = await requireAdmin();
  if (!hasPermission(me, "viewAuditLog")) return <AccessDenied permission="viewAuditLog" />;
  const entry = await getAuditEntry((await params).auditId);
  if (!entry) notFound();
  const title = isAuditAction(entry.action) ? AUDIT_ACTIONS[entry.action] : entry.action;

  return (
    <>
      <PageHeader breadcrumbs={[{ label: "Administration" }, { label: "Audit log", href: "/admin/audit" }, { label: title }]} title={title} />
      <div className="space-y-6">
        <Card title="What happened">
          <DescriptionList>
            <DescriptionItem term="Time">
              <DateTime date={entry.createdAt} />
            </DescriptionItem>
            <DescriptionItem term="Action" mono>
              {entry.action}
            </DescriptionItem>
            <DescriptionItem term="Actor">
              {entry.actorName || "—"} <span className="text-slate-500">({ACTOR_TYPES[entry.actorType] ?? entry.actorType})</span>
            </DescriptionItem>
            {entry.actorId ? (
              <DescriptionItem term="Admin id" mono>
                {entry.actorId}
              </DescriptionItem>
            ) : null}
            <DescriptionItem term="IP address" mono>
              {entry.ip ?? "—"}
            </DescriptionItem>
            <DescriptionItem term="Target">
              {entry.targetLabel || "—"} <span className="text-slate-500">({entry.targetType.replace("_", " ")})</span>
            </DescriptionItem>
            {entry.targetId ? (
              <DescriptionItem term="Target id" mono>
                {entry.targetId}
              </DescriptionItem>
            ) : null}
            {entry.directoryId ? (
              <DescriptionItem term="Directory id" mono>
                {entry.directoryId}
              </DescriptionItem>
            ) : null}
          </DescriptionList>
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Before">
            <JsonBlock value={entry.before} label="Before" empty="None" />
          </Card>
          <Card title="After">
            <JsonBlock value={entry.after} label="After" empty="None" />
          </Card>
        </div>
      </div>
    </>
  );
}
