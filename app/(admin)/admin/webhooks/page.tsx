import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";
import { listDirectories } from "@/lib/admin/directories/list-directories";
import { hasPermission } from "@/lib/auth/permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import { FEED_EVENT_TYPES } from "@/lib/directory-data/feed-event";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { CreateWebhookForm } from "./webhook-forms";
import { WebhookStatus } from "./webhook-status";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  const admin = await requireAdmin();
  const canManage = hasPermission(admin, "manageDirectories");
  const [hooks, directories] = await Promise.all([listWebhooks(), listDirectories()]);
  const names = new Map(directories.map((d) => [d.id, d.name]));

  const table =
    hooks.length === 0 ? (
      <EmptyState title="No webhooks yet">{canManage ? "Create one above for each application that should receive the directory's events." : "An admin with the “Manage user directories” permission can create one."}</EmptyState>
    ) : (
      <Table caption="Webhooks" minWidth="min-w-[60rem]">
        <thead>
          <tr>
            <Th>URL</Th>
            <Th className="w-56">Receives</Th>
            <Th className="w-28">Status</Th>
            <Th className="w-40">Success (24 h)</Th>
            <Th className="w-32">Created</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {hooks.map((w) => (
            <tr key={w.id} data-testid="webhook-row">
              <Td>
                <Link href={`/admin/webhooks/${w.id}`} className="block truncate font-medium text-indigo-700 hover:underline">
                  {w.url}
                </Link>
                {w.description ? <Truncate className="text-xs text-slate-600">{w.description}</Truncate> : null}
                {w.disabledReason ? <Truncate className="text-xs text-red-700">{w.disabledReason}</Truncate> : null}
              </Td>
              <Td>
                <Truncate className="text-sm text-slate-700">
                  {w.directoryIds.length ? w.directoryIds.map((id) => names.get(id) ?? `${id} (deleted)`).join(", ") : "All directories"}
                  {" · "}
                  {w.eventTypes.length ? w.eventTypes.join(", ") : "all events"}
                </Truncate>
              </Td>
              <Td>
                <WebhookStatus webhook={w} />
              </Td>
              <Td>{w.attempts24h ? `${Math.round((100 * w.succeeded24h) / w.attempts24h)}% of ${w.attempts24h}` : <Muted>No attempts</Muted>}</Td>
              <Td>
                <RelativeTime date={w.createdAt} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    );

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Administration" }, { label: "Webhooks" }]}
        title="Webhooks"
        description="The events feed, pushed: each event is POSTed to the endpoint as it is recorded, signed per Standard Webhooks, in feed order, and retried until the receiver accepts it."
      />
      <div className="space-y-6">
        {canManage ? (
          <Card title="Create a webhook" description="It receives the events recorded from now on; replay older ones from its page.">
            <CreateWebhookForm directories={directories.map((d) => ({ id: d.id, name: d.name }))} eventTypes={[...FEED_EVENT_TYPES]} />
          </Card>
        ) : (
          <Alert tone="info">Creating and changing webhooks needs the “Manage user directories” permission.</Alert>
        )}
        {table}
      </div>
    </>
  );
}
