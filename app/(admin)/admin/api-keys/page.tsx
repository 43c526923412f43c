import type { Metadata } from "next";
import { ConfirmAction } from "@/components/confirm-action";
import { CredentialTable } from "@/components/credential-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Truncate } from "@/components/ui/table";
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
      <CredentialTable
        caption="API keys"
        minWidth="min-w-[64rem]"
        rowTestId="api-key-row"
        credentials={keys}
        columns={[
          {
            header: "Name",
            cell: (k) => (
              <>
                <Truncate className="font-medium text-slate-900">{k.name}</Truncate>
                <Truncate className="font-mono text-xs text-slate-600">{k.keyPrefix}…</Truncate>
              </>
            ),
          },
          {
            header: "Directories",
            className: "w-64",
            cell: (k) =>
              k.directoryIds.length ? (
                <Truncate>{k.directoryIds.map((id) => names.get(id) ?? `${id} (deleted)`).join(", ")}</Truncate>
              ) : (
                <span className="text-sm text-slate-700">All directories</span>
              ),
          },
        ]}
        createdBy={(k) => k.createdBy}
        actions={
          canManage
            ? {
                className: "w-28",
                cell: (k) => (
                  <ConfirmAction
                    action={revokeApiKeyAction}
                    fields={{ apiKeyId: k.id }}
                    triggerLabel="Revoke"
                    triggerAriaLabel={`Revoke ${k.name}`}
                    title="Revoke this API key?"
                    description={
                      <>
                        <strong>{k.name}</strong> (<code className="font-mono text-[13px]">{k.keyPrefix}…</code>) stops working on its next request. The application using it needs
                        a new key.
                      </>
                    }
                    confirmLabel="Revoke key"
                    pendingLabel="Revoking…"
                  />
                ),
              }
            : undefined
        }
      />
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
