import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import { ActiveBadge, Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Truncate } from "@/components/ui/table";
import { listDirectorySummaries } from "@/lib/admin/queries/list-directory-summaries";
import { hasPermission } from "@/lib/auth/permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import { HealthBadge } from "@/components/health-badge";
import { listHealthStates } from "@/lib/sync-health/list-health-states";

export const metadata: Metadata = { title: "User directories" };
export const dynamic = "force-dynamic";

export default async function DirectoriesPage() {
  const admin = await requireAdmin();
  const canManage = hasPermission(admin, "manageDirectories");
  const directories = await listDirectorySummaries();
  const health = await listHealthStates({ directoryIds: directories.map((d) => d.id) });
  const createButton = canManage ? <ButtonLink href="/admin/directories/new">Create user directory</ButtonLink> : null;

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Administration" }, { label: "User directories" }]}
        title="User directories"
        description="Each directory receives users and groups from one identity provider (such as Microsoft Entra ID) over SCIM 2.0."
        actions={createButton}
      />
      {directories.length === 0 ? (
        <EmptyState
          title="No user directories yet"
          action={createButton}
          icon={
            <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" className="size-10" aria-hidden="true">
              <circle cx="9" cy="8" r="3" />
              <path d="M3.5 19c.8-3 3-4.5 5.5-4.5s4.7 1.5 5.5 4.5M15.5 7h5M15.5 11h5M17.5 15h3" />
            </svg>
          }
        >
          {canManage
            ? "Create a directory, then connect Microsoft Entra ID to it with the Tenant URL, Token Endpoint and an API client shown on its Overview."
            : "An admin with the “Manage user directories” permission has to create one. You will see it here as soon as it exists."}
        </EmptyState>
      ) : (
        <Table caption="User directories" minWidth="min-w-[63rem]">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th className="w-24">Type</Th>
              <Th className="w-28">Status</Th>
              <Th className="w-28">Sync health</Th>
              <Th className="w-20 text-right">Users</Th>
              <Th className="w-20 text-right">Groups</Th>
              <Th className="w-40">Last sync activity</Th>
              <Th className="w-32 text-right">Failures (24 h)</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {directories.map((d) => (
              <tr key={d.id} className="hover:bg-slate-50">
                <Td>
                  <Link href={`/admin/directories/${d.id}`} className="block truncate font-medium text-indigo-700 hover:underline" title={d.name}>
                    {d.name}
                  </Link>
                </Td>
                <Td>
                  <Badge tone="gray" className="uppercase">
                    {d.type}
                  </Badge>
                </Td>
                <Td>
                  <ActiveBadge active={d.active} />
                </Td>
                <Td>
                  <HealthBadge state={health.get(d.id)!.state} reason={health.get(d.id)!.reason} />
                </Td>
                <Td className="text-right tabular-nums">{d.userCount.toLocaleString("en")}</Td>
                <Td className="text-right tabular-nums">{d.groupCount.toLocaleString("en")}</Td>
                <Td>
                  <Truncate>
                    <RelativeTime date={d.lastActivityAt} fallback="No requests yet" />
                  </Truncate>
                </Td>
                <Td className="text-right">
                  {d.failuresLast24h > 0 ? (
                    <Link href={`/admin/directories/${d.id}/activity?outcome=failure&range=24h`} className="rounded hover:underline">
                      <Badge tone="red">{d.failuresLast24h.toLocaleString("en")}</Badge>
                    </Link>
                  ) : (
                    <span className="tabular-nums text-slate-500">0</span>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
