import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/relative-time";
import { HttpStatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { formatDuration } from "@/lib/sync-health/format-duration";
import { listCycles } from "@/lib/sync-health/list-cycles";
import { cycleChanges } from "./cycle-changes";

export const metadata: Metadata = { title: "Provisioning cycles" };
export const dynamic = "force-dynamic";

export default async function CyclesPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const { directory } = await loadDirectoryPage(params);
  const cycles = await listCycles({ directoryId: directory.id, limit: 100 });
  const base = `/admin/directories/${directory.id}/cycles`;
  if (!cycles.length) {
    return (
      <EmptyState title="No provisioning cycles yet">
        A cycle is a burst of requests from the identity provider, ended by a few idle minutes. Entra ID runs one when provisioning starts, then one every 20–40 minutes.
      </EmptyState>
    );
  }
  return (
    <Table caption="Provisioning cycles, newest first (the latest 100)" minWidth="min-w-[62rem]">
      <thead>
        <tr>
          <Th className="w-44">Started</Th>
          <Th className="w-24 text-right">Duration</Th>
          <Th className="w-24 text-right">Requests</Th>
          <Th className="w-24 text-right">Failures</Th>
          <Th>Changes</Th>
          <Th>Top errors</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {cycles.map((c) => (
          <tr key={c.id} className="hover:bg-slate-50" data-testid="cycle-row">
            <Td>
              <Link href={`${base}/${c.id}`} className="font-medium text-indigo-700 tabular-nums hover:underline">
                {formatDateTime(new Date(c.startedAt))}
              </Link>
            </Td>
            <Td className="text-right tabular-nums">{formatDuration(Date.parse(c.endedAt) - Date.parse(c.startedAt))}</Td>
            <Td className="text-right tabular-nums">{c.requests.toLocaleString("en")}</Td>
            <Td className={`text-right tabular-nums ${c.failures ? "font-medium text-red-700" : ""}`}>{c.failures.toLocaleString("en")}</Td>
            <Td className="text-xs text-slate-700">{cycleChanges(c)}</Td>
            <Td className="text-xs">
              {c.topErrors.length ? (
                <ul className="space-y-1">
                  {c.topErrors.map((e) => (
                    <li key={`${e.status}|${e.scimType}|${e.reason}`} className="flex items-center gap-1.5">
                      <HttpStatusBadge status={e.status} />
                      <span className="truncate">
                        {e.count} × {e.scimType ? `${e.scimType}: ` : ""}
                        {e.reason || "(no detail)"}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-slate-500">None</span>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
