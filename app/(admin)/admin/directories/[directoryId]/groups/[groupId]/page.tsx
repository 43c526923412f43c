import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JsonBlock } from "@/components/json-block";
import { KeysetPagination } from "@/components/keyset-pagination";
import { RecordCard } from "@/components/record-card";
import { RelativeTime } from "@/components/relative-time";
import { ResourceTimeline } from "@/components/resource-timeline";
import { ScimValue } from "@/components/scim-value";
import { ActiveBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Breadcrumbs } from "@/components/ui/page-header";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";
import { getDirectoryGroup } from "@/lib/admin/queries/get-directory-group";
import { listGroupMembers } from "@/lib/admin/queries/list-group-members";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { param, type SearchParams } from "@/lib/admin/queries/search-params";
import { getResourceTimeline } from "@/lib/admin/queries/timeline";

export const metadata: Metadata = { title: "Group" };
export const dynamic = "force-dynamic";

export default async function GroupDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ directoryId: string; groupId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { directory } = await loadDirectoryPage(params);
  const { groupId } = await params;
  const sp = await searchParams;
  const group = await getDirectoryGroup({ directoryId: directory.id, groupId });
  if (!group) notFound();
  const [members, timeline] = await Promise.all([
    listGroupMembers({ directoryId: directory.id, groupId: group.id, after: param(sp, "after"), before: param(sp, "before") }),
    getResourceTimeline({ directoryId: directory.id, resourceId: group.id }),
  ]);
  const base = `/admin/directories/${directory.id}`;
  const extra = Object.entries(group.resource).filter(([k]) => !["schemas", "displayName", "externalId", "members"].includes(k));

  return (
    <div className="space-y-6">
      <div>
        <Breadcrumbs items={[{ label: "Groups", href: `${base}/groups` }, { label: group.displayName }]} />
        <h2 className="mt-3 truncate text-xl font-semibold text-slate-900" title={group.displayName}>
          {group.displayName}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {group.memberCount.toLocaleString("en")} member{group.memberCount === 1 ? "" : "s"} · updated <RelativeTime date={group.updatedAt} />
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <section aria-labelledby="members-title">
            <h3 id="members-title" className="mb-3 text-sm font-semibold text-slate-900">
              Members
            </h3>
            {members.items.length === 0 ? (
              <EmptyState title="No members">Entra ID adds members with PATCH requests after it creates the group.</EmptyState>
            ) : (
              <>
                <Table caption="Group members" minWidth="min-w-[40rem]">
                  <thead>
                    <tr>
                      <Th>userName</Th>
                      <Th className="w-48">Name</Th>
                      <Th className="w-24">Status</Th>
                      <Th className="w-32">Added</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {members.items.map((m) => (
                      <tr key={m.userId} className="hover:bg-slate-50">
                        <Td>
                          <Link href={`${base}/users/${m.userId}`} className="block truncate font-medium text-indigo-700 hover:underline" title={m.userName}>
                            {m.userName}
                          </Link>
                        </Td>
                        <Td>{m.displayName ? <Truncate>{m.displayName}</Truncate> : <Muted />}</Td>
                        <Td>
                          <ActiveBadge active={m.active} />
                        </Td>
                        <Td>
                          <RelativeTime date={m.addedAt} />
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                <KeysetPagination
                  basePath={`${base}/groups/${group.id}`}
                  params={{}}
                  nextCursor={members.nextCursor}
                  prevCursor={members.prevCursor}
                  itemCount={members.items.length}
                  noun="members"
                />
              </>
            )}
          </section>
          <Card title="SCIM attributes" description="Everything received for the group besides its members.">
            <dl className="space-y-2 text-sm">
              <div className="grid grid-cols-3 gap-4">
                <dt className="text-slate-600">displayName</dt>
                <dd className="col-span-2 break-words">{group.displayName}</dd>
              </div>
              <div className="grid grid-cols-3 gap-4">
                <dt className="text-slate-600">externalId</dt>
                <dd className="col-span-2 break-all font-mono text-[12px]">{group.externalId ?? "—"}</dd>
              </div>
              {extra.map(([k, v]) => (
                <div key={k} className="grid grid-cols-3 gap-4">
                  <dt className="break-all text-slate-600">{k}</dt>
                  <dd className="col-span-2 min-w-0">
                    <ScimValue value={v} />
                  </dd>
                </div>
              ))}
            </dl>
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-indigo-700">Stored resource (JSON)</summary>
              <div className="mt-2">
                <JsonBlock value={{ id: group.id, displayName: group.displayName, externalId: group.externalId ?? undefined, ...group.resource }} label="Group resource JSON" />
              </div>
            </details>
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <RecordCard record={group} />
          <Card title="Activity">
            <ResourceTimeline entries={timeline} directoryId={directory.id} />
          </Card>
        </div>
      </div>
    </div>
  );
}
