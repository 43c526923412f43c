import type { Metadata } from "next";
import { ConfirmAction } from "@/components/confirm-action";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { ActiveBadge, Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";
import { listApiKeys } from "@/lib/admin/api-keys/list-api-keys";
import { hasPermission } from "@/lib/auth/permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listDirectories } from "@/lib/admin/directories/list-directories";
import { revokeApiKeyAction } from "./actions";
import { CreateApiKeyForm } from "./api-key-secret";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

const OPENAPI_URL = "/api/v1/openapi.json";

export default async function ApiKeysPage() {
  const admin = await requireAdmin();
  const canManage = hasPermission(admin, "manageDirectories");
  const [keys, directories] = await Promise.all([listApiKeys(), listDirectories()]);
  const names = new Map(directories.map((d) => [d.id, d.name]));

  const table =
    keys.length === 0 ? (
      <EmptyState title="No API keys yet">
        {canManage ? "Create one above for each application that reads the directory." : "An admin with the “Manage user directories” permission can create one."}
      </EmptyState>
    ) : (
      <Table caption="API keys" minWidth="min-w-[64rem]">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th className="w-64">Directories</Th>
            <Th className="w-40">Created</Th>
            <Th className="w-32">Last used</Th>
            <Th className="w-28">Status</Th>
            {canManage ? (
              <Th className="w-28" srOnly>
                Actions
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((k) => (
            <tr key={k.id} data-testid="api-key-row">
              <Td>
                <Truncate className="font-medium text-slate-900">{k.name}</Truncate>
                <Truncate className="font-mono text-xs text-slate-600">{k.keyPrefix}…</Truncate>
              </Td>
              <Td>
                {k.directoryIds.length ? (
                  <Truncate>{k.directoryIds.map((id) => names.get(id) ?? `${id} (deleted)`).join(", ")}</Truncate>
                ) : (
                  <span className="text-sm text-slate-700">All directories</span>
                )}
              </Td>
              <Td>
                <RelativeTime date={k.createdAt} />
                {k.createdBy ? <Truncate className="text-xs text-slate-600">by {k.createdBy}</Truncate> : <Muted />}
              </Td>
              <Td>
                <RelativeTime date={k.lastUsedAt} fallback="Never" />
              </Td>
              <Td>
                {k.revokedAt ? (
                  <span className="inline-flex flex-col gap-0.5">
                    <Badge tone="red">Revoked</Badge>
                    <span className="text-xs text-slate-500">
                      <RelativeTime date={k.revokedAt} />
                    </span>
                  </span>
                ) : (
                  <ActiveBadge active />
                )}
              </Td>
              {canManage ? (
                <Td className="text-right">
                  {k.revokedAt ? null : (
                    <ConfirmAction
                      action={revokeApiKeyAction}
                      fields={{ apiKeyId: k.id }}
                      triggerLabel="Revoke"
                      triggerAriaLabel={`Revoke ${k.name}`}
                      title="Revoke this API key?"
                      description={
                        <>
                          <strong>{k.name}</strong> (<code className="font-mono text-[13px]">{k.keyPrefix}…</code>) stops working on its next request. The application using it
                          needs a new key.
                        </>
                      }
                      confirmLabel="Revoke key"
                      pendingLabel="Revoking…"
                    />
                  )}
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    );

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Administration" }, { label: "API keys" }]}
        title="API keys"
        description={
          <>
            Keys for the applications that read Roster’s directories: the events feed and the Directory API under /api/v1, described by the{" "}
            <a href={OPENAPI_URL} className="text-indigo-700 underline">
              OpenAPI document
            </a>
            . Identity providers use API clients (on each directory) instead.
          </>
        }
      />
      <div className="space-y-6">
        {canManage ? (
          <Card title="Create an API key" description="A key reads; it never changes anything. Restrict it to the directories the application needs.">
            <CreateApiKeyForm directories={directories.map((d) => ({ id: d.id, name: d.name }))} openApiUrl={OPENAPI_URL} />
          </Card>
        ) : (
          <Alert tone="info">Creating and revoking API keys needs the “Manage user directories” permission.</Alert>
        )}
        {table}
      </div>
    </>
  );
}
