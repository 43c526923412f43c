import type { Metadata } from "next";
import { ConfirmAction } from "@/components/confirm-action";
import { Alert } from "@/components/ui/alert";
import { ActiveBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { listProfileFields } from "@/lib/admin/directories/list-profile-fields";
import { hasPermission } from "@/lib/auth/permissions";
import { deleteDirectoryAction, removeProfileFieldAction, setDirectoryActiveAction } from "./actions";
import { SetActiveButton } from "./set-active-button";
import { AddProfileFieldForm, DeprovisionPolicyForm, RenameForm } from "./settings-forms";

export const metadata: Metadata = { title: "Directory settings" };
export const dynamic = "force-dynamic";

export default async function DirectorySettingsPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const { admin, directory } = await loadDirectoryPage(params);
  const canManage = hasPermission(admin, "manageDirectories");
  const fields = await listProfileFields({ directoryId: directory.id });

  return (
    <div className="max-w-3xl space-y-6">
      {!canManage ? (
        <Alert tone="info">You can view these settings. Changing them needs the “Manage user directories” permission.</Alert>
      ) : null}

      <Card title="General" id="general">
        <RenameForm directoryId={directory.id} name={directory.name} disabled={!canManage} />
      </Card>

      <Card title="Deprovisioning" id="deprovisioning" description="What Roster does when the identity provider deletes a user (SCIM DELETE /Users/{id}).">
        <DeprovisionPolicyForm directoryId={directory.id} policy={directory.deprovisionPolicy} disabled={!canManage} />
      </Card>

      <Card
        title="Expected profile fields"
        id="profile-fields"
        description={
          <>
            Custom attributes mapped in Entra ID as <code className="font-mono text-[12px]">profileField_&lt;name&gt;</code>. Roster advertises them in its
            /Schemas endpoint so Entra ID offers them as target attributes; values arriving for other names are still stored.
          </>
        }
      >
        <div className="space-y-4">
          {fields.length === 0 ? (
            <EmptyState title="No profile fields expected">Add the names of the custom attributes you will map in Entra ID, e.g. costCenter or badgeNumber.</EmptyState>
          ) : (
            <Table caption="Expected profile fields" className="shadow-none">
              <thead>
                <tr>
                  <Th>SCIM attribute</Th>
                  <Th>Label</Th>
                  {canManage ? <Th className="w-28" srOnly>Actions</Th> : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {fields.map((f) => (
                  <tr key={f.id}>
                    <Td>
                      <Truncate className="font-mono text-[13px] text-slate-900">{`profileField_${f.name}`}</Truncate>
                    </Td>
                    <Td>{f.label ? <Truncate>{f.label}</Truncate> : <Muted />}</Td>
                    {canManage ? (
                      <Td className="text-right">
                        <ConfirmAction
                          action={removeProfileFieldAction}
                          fields={{ directoryId: directory.id, profileFieldId: f.id }}
                          triggerLabel="Remove"
                          triggerVariant="ghost"
                          triggerAriaLabel={`Remove profileField_${f.name}`}
                          title={`Remove profileField_${f.name}?`}
                          description="Roster stops advertising it. Values already received stay on the users."
                          confirmLabel="Remove field"
                          pendingLabel="Removing…"
                        />
                      </Td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {canManage ? <AddProfileFieldForm directoryId={directory.id} /> : null}
        </div>
      </Card>

      <Card title="Status" id="status">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div className="min-w-0">
            <div className="flex items-center gap-2">
              <ActiveBadge active={directory.active} />
            </div>
            <p className="mt-1.5 text-sm text-slate-600">
              {directory.active
                ? "Roster issues tokens and answers SCIM requests for this directory."
                : "Roster refuses tokens and SCIM requests for this directory. Stored users and groups are kept."}
            </p>
          </div>
          {canManage ? (
            directory.active ? (
              <ConfirmAction
                action={setDirectoryActiveAction}
                fields={{ directoryId: directory.id, active: "false" }}
                triggerLabel="Deactivate"
                triggerSize="md"
                title="Deactivate this directory?"
                description="Entra ID’s provisioning will fail until you activate it again (it may quarantine the job). Users and groups are kept."
                confirmLabel="Deactivate"
                pendingLabel="Deactivating…"
              />
            ) : (
              <SetActiveButton directoryId={directory.id} active={false} />
            )
          ) : null}
        </div>
      </Card>

      {canManage ? (
        <Card title="Delete directory" id="danger" tone="danger">
          <div className="flex flex-wrap items-center justify-between gap-4">
            <p className="min-w-0 flex-1 text-sm text-slate-600">
              Deletes the directory with all its users, groups, API clients and tokens. Its activity log rows stay. This cannot be undone.
            </p>
            <ConfirmAction
              action={deleteDirectoryAction}
              fields={{ directoryId: directory.id }}
              triggerLabel="Delete directory"
              triggerVariant="danger"
              triggerSize="md"
              title="Delete this directory?"
              description={
                <>
                  Everything Roster stores for <strong className="break-all">{directory.name}</strong> is deleted, and its API clients stop working at once.
                </>
              }
              confirmLabel="Delete directory"
              pendingLabel="Deleting…"
              typeToConfirm={directory.name}
            />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
