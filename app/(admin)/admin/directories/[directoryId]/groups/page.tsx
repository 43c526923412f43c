import type { Metadata } from "next";
import Link from "next/link";
import { KeysetPagination } from "@/components/keyset-pagination";
import { RelativeTime } from "@/components/relative-time";
import { SearchForm } from "@/components/search-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";
import { listDirectoryGroups } from "@/lib/admin/queries/list-directory-groups";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { param, type SearchParams } from "@/lib/admin/queries/search-params";

export const metadata: Metadata = { title: "Groups" };
export const dynamic = "force-dynamic";

export default async function GroupsPage({ params, searchParams }: { params: Promise<{ directoryId: string }>; searchParams: Promise<SearchParams> }) {
  const { directory } = await loadDirectoryPage(params);
  const sp = await searchParams;
  const q = param(sp, "q", 200);
  const page = await listDirectoryGroups({ directoryId: directory.id, search: q, after: param(sp, "after"), before: param(sp, "before") });
  const base = `/admin/directories/${directory.id}/groups`;

  return (
    <div className="space-y-4">
      <SearchForm action={base} id="groups-q" label="Search groups" placeholder="Name starts with…, or externalId" value={q} filtered={Boolean(q)} />

      {page.items.length === 0 ? (
        q ? (
          <EmptyState title="No groups match">Group search matches the start of the name (any case) or the exact externalId.</EmptyState>
        ) : (
          <EmptyState title="No groups provisioned yet">
            Groups appear when Entra ID provisions them: assign groups to the enterprise application and keep “Provision Microsoft Entra ID Groups” enabled in its mappings.
          </EmptyState>
        )
      ) : (
        <>
          <Table caption="Provisioned groups" minWidth="min-w-[48rem]">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th className="w-28 text-right">Members</Th>
                <Th className="w-56">externalId</Th>
                <Th className="w-36">Updated</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((g) => (
                <tr key={g.id} className="hover:bg-slate-50">
                  <Td>
                    <Link href={`${base}/${g.id}`} className="block truncate font-medium text-indigo-700 hover:underline" title={g.displayName}>
                      {g.displayName}
                    </Link>
                  </Td>
                  <Td className="text-right tabular-nums">{g.memberCount.toLocaleString("en")}</Td>
                  <Td>{g.externalId ? <Truncate className="font-mono text-[12px]">{g.externalId}</Truncate> : <Muted />}</Td>
                  <Td>
                    <RelativeTime date={g.updatedAt} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <KeysetPagination basePath={base} params={{ q }} nextCursor={page.nextCursor} prevCursor={page.prevCursor} itemCount={page.items.length} noun="groups" />
        </>
      )}
    </div>
  );
}
