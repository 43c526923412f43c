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
import { ADMIN_ROLES, hasPermission, roleLabels, roleOf } from "@/lib/auth/permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import { removeAdminAction, setAdminRoleAction, signOutEverywhereAction } from "./actions";
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
        description="People who can sign in to this console. Viewers read directories, users, groups and activity; directory managers (“Manage user directories”) also change them; owners also manage admins and read the audit log."
      />
      <div className="space-y-6">
        <Table caption="Admins" minWidth="min-w-[60rem]">
          <thead>
            <tr>
              <Th>Admin</Th>
              <Th className="w-40">Role</Th>
              <Th className="w-32">Last sign-in</Th>
              <Th className="w-[28rem]" srOnly>
                Actions
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {admins.map((a) => {
              const isMe = a.id === me.id;
              const role = roleOf(a);
              const lastOwner = role === "owner" && ownerCount <= 1;
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
                    <RelativeTime date={a.lastSignInAt} fallback="Never" />
                  </Td>
                  <Td className="text-right">
                    <span className="inline-flex flex-wrap items-start justify-end gap-1">
                      {lastOwner ? <span className="text-xs text-slate-500">Last owner</span> : null}
                      {lastOwner
                        ? null
                        : ADMIN_ROLES.filter((r) => r !== role).map((r) =>
                            r === "owner" || role === "owner" ? (
                              <ConfirmAction
                                key={r}
                                action={setAdminRoleAction}
                                fields={{ adminId: a.id, role: r }}
                                triggerLabel={`Make ${roleLabels[r].toLowerCase()}`}
                                triggerAriaLabel={`Make ${a.email} ${roleLabels[r].toLowerCase()}`}
                                triggerVariant="ghost"
                                title={`Make ${a.email} ${roleLabels[r].toLowerCase()}?`}
                                description={r === "owner" ? "Owners manage directories and admins, including you, and read the audit log." : isMe ? "You will no longer be able to manage admins." : "They lose the owner role on their next request."}
                                confirmLabel={`Make ${roleLabels[r].toLowerCase()}`}
                                confirmVariant={r === "owner" ? "primary" : undefined}
                                pendingLabel="Saving…"
                              />
                            ) : (
                              <ActionButton
                                key={r}
                                action={setAdminRoleAction}
                                fields={{ adminId: a.id, role: r }}
                                variant="ghost"
                                pendingLabel="Saving…"
                                ariaLabel={`Make ${a.email} ${roleLabels[r].toLowerCase()}`}
                              >
                                {`Make ${roleLabels[r].toLowerCase()}`}
                              </ActionButton>
                            ),
                          )}
                      <ConfirmAction
                        action={signOutEverywhereAction}
                        fields={{ adminId: a.id }}
                        triggerLabel="Sign out everywhere"
                        triggerAriaLabel={`Sign out ${a.email} everywhere`}
                        triggerVariant="ghost"
                        title={`End every session of ${a.email}?`}
                        description={isMe ? "You are signed out here too." : "They are signed out on every device at their next request and must sign in again."}
                        confirmLabel="Sign out everywhere"
                        pendingLabel="Signing out…"
                      />
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
