import type { Metadata } from "next";
import { ConfirmAction } from "@/components/confirm-action";
import { CredentialTable } from "@/components/credential-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Muted, Truncate } from "@/components/ui/table";
import { listApiClients } from "@/lib/admin/api-clients/list-api-clients";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { hasPermission } from "@/lib/auth/permissions";
import { revokeApiClientAction } from "./actions";
import { ApiClientSecrets, CreateApiClientForm, NewClientSecret, RotateApiClientButton } from "./api-client-secrets";

export const metadata: Metadata = { title: "API clients" };
export const dynamic = "force-dynamic";

export default async function ApiClientsPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const { admin, directory } = await loadDirectoryPage(params);
  const canManage = hasPermission(admin, "manageDirectories");
  const clients = await listApiClients({ directoryId: directory.id });
  const activeCount = clients.filter((c) => !c.revokedAt).length;

  const table =
    clients.length === 0 ? (
      <EmptyState title="No API clients yet">
        {canManage
          ? "Create one above. Entra ID uses its Client Identifier and Client Secret to get access tokens from the Token Endpoint."
          : "An admin with the “Manage user directories” permission can create one."}
      </EmptyState>
    ) : (
      <CredentialTable
        caption="API clients"
        minWidth="min-w-[60rem]"
        rowTestId="api-client-row"
        credentials={clients}
        columns={[
          { header: "Client id", cell: (c) => <Truncate className="font-mono text-[13px] text-slate-900">{c.clientId}</Truncate> },
          { header: "Label", className: "w-48", cell: (c) => (c.label ? <Truncate>{c.label}</Truncate> : <Muted />) },
        ]}
        actions={
          canManage
            ? {
                className: "w-44",
                cell: (c) => (
                  <span className="inline-flex items-center gap-1">
                    <RotateApiClientButton directoryId={directory.id} apiClientId={c.id} label={c.label} clientId={c.clientId} />
                    <ConfirmAction
                      action={revokeApiClientAction}
                      fields={{ directoryId: directory.id, apiClientId: c.id }}
                      triggerLabel="Revoke"
                      triggerAriaLabel={`Revoke ${c.clientId}`}
                      title="Revoke this API client?"
                      description={
                        <>
                          <code className="break-all font-mono text-[13px]">{c.clientId}</code> can no longer get tokens, and its existing tokens stop working at once.
                          {activeCount === 1 ? " It is the directory’s only active client: provisioning will fail until Entra ID has new credentials." : ""}
                        </>
                      }
                      confirmLabel="Revoke client"
                      pendingLabel="Revoking…"
                    />
                  </span>
                ),
              }
            : undefined
        }
      />
    );

  if (!canManage) {
    return (
      <div className="space-y-4">
        <Alert tone="info">Creating, rotating and revoking API clients needs the “Manage user directories” permission.</Alert>
        {table}
      </div>
    );
  }

  return (
    <ApiClientSecrets>
      <div className="space-y-6">
        <Card
          title="Create an API client"
          description="Each client has a Client Identifier and a Client Secret for the OAuth 2.0 client-credentials grant. To rotate a secret, create a new client (Rotate), update Entra ID, then revoke the old one."
        >
          <CreateApiClientForm directoryId={directory.id} />
        </Card>
        <NewClientSecret />
        {table}
      </div>
    </ApiClientSecrets>
  );
}
