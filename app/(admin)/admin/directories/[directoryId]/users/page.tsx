import type { Metadata } from "next";
import Link from "next/link";
import { KeysetPagination } from "@/components/keyset-pagination";
import { RelativeTime } from "@/components/relative-time";
import { ActiveBadge } from "@/components/ui/badge";
import { SearchForm } from "@/components/search-form";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClasses } from "@/components/ui/field";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";
import { displayNameOf, listDirectoryUsers, type ActiveFilter } from "@/lib/admin/queries/list-directory-users";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { param, type SearchParams } from "@/lib/admin/queries/search-params";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage({ params, searchParams }: { params: Promise<{ directoryId: string }>; searchParams: Promise<SearchParams> }) {
  const { directory } = await loadDirectoryPage(params);
  const sp = await searchParams;
  const q = param(sp, "q", 200);
  const statusParam = param(sp, "status");
  const status: ActiveFilter = statusParam === "active" || statusParam === "inactive" ? statusParam : "all";
  const page = await listDirectoryUsers({ directoryId: directory.id, search: q, active: status, after: param(sp, "after"), before: param(sp, "before") });
  const base = `/admin/directories/${directory.id}/users`;
  const filtered = Boolean(q) || status !== "all";

  return (
    <div className="space-y-4">
      <SearchForm action={base} id="users-q" label="Search users" placeholder="userName or email starts with…, name contains…, or externalId" value={q} filtered={filtered}>
        <div className="sm:w-44">
          <label htmlFor="users-status" className="block text-sm font-medium text-slate-800">
            Status
          </label>
          <select key={status} id="users-status" name="status" defaultValue={status} className={`${inputClasses} mt-1.5`}>
            <option value="all">All users</option>
            <option value="active">Active</option>
            <option value="inactive">Inactive</option>
          </select>
        </div>
      </SearchForm>

      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No users match">Try a shorter search term, or clear the filters.</EmptyState>
        ) : (
          <EmptyState title="No users provisioned yet">
            Users appear here when Entra ID provisions them. Check the Overview’s setup checklist, or use “Provision on demand” in Entra ID to push one user now.
          </EmptyState>
        )
      ) : (
        <>
          <Table caption="Provisioned users" minWidth="min-w-[62rem]">
            <thead>
              <tr>
                <Th>userName</Th>
                <Th className="w-44">Name</Th>
                <Th className="w-56">Email</Th>
                <Th className="w-24">Status</Th>
                <Th className="w-36">externalId</Th>
                <Th className="w-32">Updated</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((u) => {
                const name = displayNameOf(u);
                return (
                  <tr key={u.id} className="hover:bg-slate-50">
                    <Td>
                      <Link href={`${base}/${u.id}`} className="block truncate font-medium text-indigo-700 hover:underline" title={u.userName}>
                        {u.userName}
                      </Link>
                    </Td>
                    <Td>{name ? <Truncate>{name}</Truncate> : <Muted />}</Td>
                    <Td>{u.primaryEmail ? <Truncate>{u.primaryEmail}</Truncate> : <Muted />}</Td>
                    <Td>
                      <ActiveBadge active={u.active} />
                    </Td>
                    <Td>{u.externalId ? <Truncate className="font-mono text-[12px]">{u.externalId}</Truncate> : <Muted />}</Td>
                    <Td>
                      <RelativeTime date={u.updatedAt} />
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <KeysetPagination basePath={base} params={{ q, status: status === "all" ? undefined : status }} nextCursor={page.nextCursor} prevCursor={page.prevCursor} itemCount={page.items.length} noun="users" />
        </>
      )}
    </div>
  );
}
