import type { Metadata } from "next";
import { ConfirmAction } from "@/components/confirm-action";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { ActiveBadge, Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";
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
      <Table caption="API clients" minWidth="min-w-[60rem]">
        <thead>
          <tr>
            <Th>Client id</Th>
            <Th className="w-48">Label</Th>
            <Th className="w-32">Created</Th>
            <Th className="w-32">Last used</Th>
            <Th className="w-28">Status</Th>
            {canManage ? (
              <Th className="w-44" srOnly>
                Actions
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {clients.map((c) => (
            <tr key={c.id} data-testid="api-client-row">
              <Td>
                <Truncate className="font-mono text-[13px] text-slate-900">{c.clientId}</Truncate>
              </Td>
              <Td>{c.label ? <Truncate>{c.label}</Truncate> : <Muted />}</Td>
              <Td>
                <RelativeTime date={c.createdAt} />
              </Td>
              <Td>
                <RelativeTime date={c.lastUsedAt} fallback="Never" />
              </Td>
              <Td>{c.revokedAt ? <Badge tone="red">Revoked</Badge> : <ActiveBadge active />}</Td>
              {canManage ? (
                <Td className="text-right">
                  {c.revokedAt ? (
                    <span className="text-xs text-slate-500">
                      Revoked <RelativeTime date={c.revokedAt} />
                    </span>
                  ) : (
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
                  )}
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
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
