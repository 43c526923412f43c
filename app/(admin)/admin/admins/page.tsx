import type { Metadata } from "next";
import { AccessDenied } from "@/components/access-denied";
import { ActionButton } from "@/components/action-button";
import { ConfirmAction } from "@/components/confirm-action";
import { RelativeTime } from "@/components/relative-time";
import { AdminRoleBadge } from "@/components/admin-role-badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Truncate } from "@/components/ui/table";
import { listAdmins } from "@/lib/admin/admins/list-admins";
import { hasPermission } from "@/lib/auth/permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import { removeAdminAction, setAdminPermissionAction } from "./actions";
import { AddAdminForm } from "./add-admin-form";

export const metadata: Metadata = { title: "Admins" };
export const dynamic = "force-dynamic";

export default async function AdminsPage() {
  const me = await requireAdmin();
  if (!hasPermission(me, "manageAdmins")) return <AccessDenied permission="manageAdmins" />;
  const admins = await listAdmins();
  const ownerCount = admins.filter((a) => a.isOwner).length;

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Administration" }, { label: "Admins" }]}
        title="Admins"
        description="People who can sign in to this console. Every admin can read directories, users, groups and activity; changing anything needs “Manage user directories”. Owners also manage admins."
      />
      <div className="space-y-6">
        <Table caption="Admins" minWidth="min-w-[60rem]">
          <thead>
            <tr>
              <Th>Admin</Th>
              <Th className="w-32">Role</Th>
              <Th className="w-48">Manage directories</Th>
              <Th className="w-32">Last sign-in</Th>
              <Th className="w-64" srOnly>
                Actions
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {admins.map((a) => {
              const isMe = a.id === me.id;
              const lastOwner = a.isOwner && ownerCount <= 1;
              return (
                <tr key={a.id} data-testid="admin-row">
                  <Td>
                    <Truncate className="font-medium text-slate-900">{a.email}</Truncate>
                    {a.name ? <Truncate className="text-xs text-slate-600">{a.name}</Truncate> : null}
                    {isMe ? <span className="text-xs text-slate-500">You</span> : null}
                  </Td>
                  <Td>
                    <AdminRoleBadge admin={a} />
                  </Td>
                  <Td>
                    {a.isOwner ? (
                      <span className="text-sm text-slate-600">Yes (owner)</span>
                    ) : (
                      <ActionButton
                        action={setAdminPermissionAction}
                        fields={{ adminId: a.id, permission: "canManageDirectories", value: a.canManageDirectories ? "false" : "true" }}
                        variant={a.canManageDirectories ? "secondary" : "primary"}
                        pendingLabel="Saving…"
                        ariaLabel={`${a.canManageDirectories ? "Revoke" : "Grant"} Manage user directories for ${a.email}`}
                      >
                        {a.canManageDirectories ? "Revoke" : "Grant"}
                      </ActionButton>
                    )}
                  </Td>
                  <Td>
                    <RelativeTime date={a.lastSignInAt} fallback="Never" />
                  </Td>
                  <Td className="text-right">
                    <span className="inline-flex flex-wrap items-start justify-end gap-1">
                      {a.isOwner ? (
                        lastOwner ? (
                          <span className="text-xs text-slate-500">Last owner</span>
                        ) : (
                          <ConfirmAction
                            action={setAdminPermissionAction}
                            fields={{ adminId: a.id, permission: "isOwner", value: "false" }}
                            triggerLabel="Remove owner role"
                            triggerVariant="ghost"
                            title={`Remove the owner role from ${a.email}?`}
                            description={isMe ? "You will no longer be able to manage admins." : "They keep “Manage user directories” until you revoke it."}
                            confirmLabel="Remove owner role"
                            pendingLabel="Saving…"
                          />
                        )
                      ) : (
                        <ConfirmAction
                          action={setAdminPermissionAction}
                          fields={{ adminId: a.id, permission: "isOwner", value: "true" }}
                          triggerLabel="Make owner"
                          triggerVariant="ghost"
                          title={`Make ${a.email} an owner?`}
                          description="Owners manage directories and admins, including you."
                          confirmLabel="Make owner"
                          confirmVariant="primary"
                          pendingLabel="Saving…"
                        />
                      )}
                      {!isMe && !lastOwner ? (
                        <ConfirmAction
                          action={removeAdminAction}
                          fields={{ adminId: a.id }}
                          triggerLabel="Remove"
                          triggerAriaLabel={`Remove ${a.email}`}
                          title={`Remove ${a.email}?`}
                          description="They are signed out at once and can no longer sign in."
                          confirmLabel="Remove admin"
                          pendingLabel="Removing…"
                        />
                      ) : null}
                    </span>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
        <Card title="Add an admin" description="The new admin signs in with this email and the initial password." className="max-w-3xl">
          <AddAdminForm />
        </Card>
      </div>
    </>
  );
}
