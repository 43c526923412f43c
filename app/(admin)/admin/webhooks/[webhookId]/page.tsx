import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/action-button";
import { ConfirmAction } from "@/components/confirm-action";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DescriptionItem, DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";
import { AdminError } from "@/lib/admin/errors";
import { listDirectories } from "@/lib/admin/directories/list-directories";
import { hasPermission } from "@/lib/auth/permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { listWebhookAttempts } from "@/lib/webhooks/list-webhook-attempts";
import { deleteWebhookAction, sendTestWebhookAction, setWebhookEnabledAction } from "../actions";
import { ReplayForm, ResendEventForm, RotateSecretForm } from "../webhook-forms";
import { WebhookStatus } from "../webhook-status";

export const metadata: Metadata = { title: "Webhook" };
export const dynamic = "force-dynamic";

export default async function WebhookPage({ params }: { params: Promise<{ webhookId: string }> }) {
  const admin = await requireAdmin();
  const canManage = hasPermission(admin, "manageDirectories");
  const { webhookId } = await params;
  const webhook = await getWebhook({ webhookId }).catch((e: unknown) => {
    if (e instanceof AdminError && e.code === "not_found") notFound();
    throw e;
  });
  const [attempts, directories] = await Promise.all([listWebhookAttempts({ webhookId, limit: 200 }), listDirectories()]);
  const names = new Map(directories.map((d) => [d.id, d.name]));

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Administration" }, { label: "Webhooks", href: "/admin/webhooks" }, { label: webhook.url }]}
        title={webhook.url}
        meta={<WebhookStatus webhook={webhook} />}
        description={webhook.description || undefined}
        actions={
          canManage ? (
            <>
              <ActionButton action={sendTestWebhookAction} fields={{ webhookId }} pendingLabel="Sending…">
                Send test event
              </ActionButton>
              <ActionButton action={setWebhookEnabledAction} fields={{ webhookId, enabled: webhook.enabled ? "false" : "true" }} variant={webhook.enabled ? "secondary" : "primary"}>
                {webhook.enabled ? "Disable" : "Enable"}
              </ActionButton>
              <ConfirmAction
                action={deleteWebhookAction}
                fields={{ webhookId }}
                triggerLabel="Delete"
                title="Delete this webhook?"
                description="Nothing more is sent to it, and its delivery log is deleted."
                confirmLabel="Delete webhook"
                pendingLabel="Deleting…"
              />
            </>
          ) : null
        }
      />
      <div className="space-y-6">
        {webhook.disabledReason ? <Alert tone="error" title="Disabled">{webhook.disabledReason}</Alert> : null}
        {webhook.enabled && webhook.failingSince ? (
          <Alert tone="error" title="Failing">
            The event at the head of the queue has failed {webhook.headAttempts} time{webhook.headAttempts === 1 ? "" : "s"} since <DateTime date={webhook.failingSince} />; later events wait
            behind it (delivery is in feed order). Next attempt <RelativeTime date={webhook.nextAttemptAt} />. After 3 days of failure the webhook is disabled.
          </Alert>
        ) : null}
        <Card title="Endpoint">
          <DescriptionList>
            <DescriptionItem term="Id" mono>
              {webhook.id}
            </DescriptionItem>
            <DescriptionItem term="Directories">{webhook.directoryIds.length ? webhook.directoryIds.map((id) => names.get(id) ?? `${id} (deleted)`).join(", ") : "All directories"}</DescriptionItem>
            <DescriptionItem term="Event types">{webhook.eventTypes.length ? webhook.eventTypes.join(", ") : "All event types"}</DescriptionItem>
            <DescriptionItem term="Created">
              <DateTime date={webhook.createdAt} />
              {webhook.createdBy ? ` by ${webhook.createdBy}` : ""}
            </DescriptionItem>
            {webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > new Date() ? (
              <DescriptionItem term="Secret rotation">
                The previous secret also signs until <DateTime date={webhook.previousSecretExpiresAt} />.
              </DescriptionItem>
            ) : null}
          </DescriptionList>
        </Card>
        {canManage ? (
          <div className="grid gap-6 lg:grid-cols-3">
            <Card title="Replay" description="Deliver again, in feed order, every retained event since a time.">
              <ReplayForm webhookId={webhookId} />
            </Card>
            <Card title="Resend one event" description="Send one event again now, whatever the queue is doing.">
              <ResendEventForm webhookId={webhookId} />
            </Card>
            <Card title="Signing secret" description="A new secret; the old one keeps signing beside it for 24 hours.">
              <RotateSecretForm webhookId={webhookId} />
            </Card>
          </div>
        ) : null}
        {attempts.length === 0 ? (
          <EmptyState title="No deliveries yet">Events recorded from now on appear here as they are sent.</EmptyState>
        ) : (
          <Table caption="Delivery log (newest first)" minWidth="min-w-[64rem]">
            <thead>
              <tr>
                <Th className="w-40">When</Th>
                <Th>Event</Th>
                <Th className="w-20">Attempt</Th>
                <Th className="w-40">Outcome</Th>
                <Th className="w-20">Latency</Th>
                <Th>Response</Th>
                <Th className="w-32">Next retry</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {attempts.map((a) => (
                <tr key={a.id} data-testid="webhook-attempt-row">
                  <Td>
                    <DateTime date={a.createdAt} />
                  </Td>
                  <Td>
                    <Truncate className="font-mono text-xs text-slate-900">{a.eventType}</Truncate>
                    <Truncate className="font-mono text-xs text-slate-600">{a.eventId}</Truncate>
                    {a.kind !== "delivery" ? <Badge tone="blue">{a.kind}</Badge> : null}
                  </Td>
                  <Td>{a.attempt}</Td>
                  <Td>
                    {a.ok ? <Badge tone="green">{a.statusCode}</Badge> : <Badge tone="red">{a.statusCode ?? "no answer"}</Badge>}
                    {a.error ? <Truncate className="text-xs text-red-700" title={a.error}>{a.error}</Truncate> : null}
                  </Td>
                  <Td>{a.latencyMs} ms</Td>
                  <Td>{a.responseExcerpt ? <Truncate className="font-mono text-xs" title={a.responseExcerpt}>{a.responseExcerpt}</Truncate> : <Muted />}</Td>
                  <Td>{a.nextRetryAt ? <RelativeTime date={a.nextRetryAt} /> : <Muted />}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </>
  );
}
