import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/relative-time";
import { HttpStatusBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th, Truncate } from "@/components/ui/table";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { formatDuration } from "@/lib/sync-health/format-duration";
import { getCycle } from "@/lib/sync-health/get-cycle";
import { cycleChanges } from "../cycle-changes";

export const metadata: Metadata = { title: "Provisioning cycle" };
export const dynamic = "force-dynamic";

/** The datetime-local value (UTC, to the minute) the Activity tab's custom range takes. */
function minute(iso: string, roundUp = false): string {
  const ms = Date.parse(iso) + (roundUp ? 60_000 : 0);
  return new Date(ms).toISOString().slice(0, 16);
}

export default async function CyclePage({ params }: { params: Promise<{ directoryId: string; cycleId: string }> }) {
  const { directory } = await loadDirectoryPage(params);
  const { cycleId } = await params;
  const detail = await getCycle({ directoryId: directory.id, cycleId });
  if (!detail) notFound();
  const { cycle, topErrors, requests, events } = detail;
  const base = `/admin/directories/${directory.id}`;
  const allActivity = `${base}/activity?range=custom&from=${minute(cycle.startedAt)}&to=${minute(cycle.endedAt, true)}`;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`${base}/cycles`} className="font-medium text-indigo-700 hover:underline">
          ← All cycles
        </Link>
      </p>
      <Card title={`Cycle of ${formatDateTime(new Date(cycle.startedAt))}`} description={`${formatDuration(Date.parse(cycle.endedAt) - Date.parse(cycle.startedAt))}, until ${formatDateTime(new Date(cycle.endedAt))}`}>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="cycle-summary">
          <div>
            <dt className="text-xs text-slate-600">Requests</dt>
            <dd className="text-lg font-semibold tabular-nums">{cycle.requests.toLocaleString("en")}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">Failures</dt>
            <dd className={`text-lg font-semibold tabular-nums ${cycle.failures ? "text-red-700" : ""}`}>{cycle.failures.toLocaleString("en")}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">Error answers (incl. 404, 409)</dt>
            <dd className="text-lg font-semibold tabular-nums">{cycle.errors.toLocaleString("en")}</dd>
          </div>
          <div className="col-span-2 sm:col-span-4">
            <dt className="text-xs text-slate-600">Changes</dt>
            <dd>{cycleChanges(cycle)}</dd>
          </div>
        </dl>
      </Card>

      {topErrors.length ? (
        <Card title="Error reasons">
          <ul className="space-y-2 text-sm">
            {topErrors.map((e) => (
              <li key={`${e.status}|${e.scimType}|${e.reason}`} className="flex items-start gap-2">
                <HttpStatusBadge status={e.status} />
                <span>
                  <span className="font-medium tabular-nums">{e.count} ×</span> {e.scimType ? `${e.scimType}: ` : ""}
                  {e.reason || "(no detail)"}{" "}
                  <Link href={`${base}/activity/${e.exampleActivityId}`} className="text-indigo-700 hover:underline">
                    example
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card
        title="Requests"
        description={requests.length >= 200 ? "The first 200." : undefined}
        actions={
          <Link href={allActivity} className="text-sm font-medium text-indigo-700 hover:underline">
            In the Activity tab →
          </Link>
        }
      >
        <Table caption="Requests of this cycle, oldest first" minWidth="min-w-[48rem]">
          <thead>
            <tr>
              <Th className="w-48">Time</Th>
              <Th className="w-20">Status</Th>
              <Th>Request</Th>
              <Th className="w-36">Operation</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {requests.map((r) => (
              <tr key={r.id} className="hover:bg-slate-50">
                <Td className="tabular-nums">{formatDateTime(r.createdAt)}</Td>
                <Td>
                  <HttpStatusBadge status={r.status} />
                </Td>
                <Td>
                  <Link href={`${base}/activity/${r.id}`} className="hover:underline">
                    <Truncate title={r.errorDetail ?? undefined}>
                      <span className="font-mono text-[13px]">
                        {r.method} {r.path}
                      </span>
                    </Truncate>
                  </Link>
                </Td>
                <Td>{r.operation}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>

      <Card title="Events" description={events.length >= 200 ? "The first 200." : undefined}>
        {events.length ? (
          <Table caption="Events written during this cycle, oldest first" minWidth="min-w-[40rem]">
            <thead>
              <tr>
                <Th className="w-48">Time</Th>
                <Th className="w-48">Type</Th>
                <Th>Resource</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => (
                <tr key={e.id}>
                  <Td className="tabular-nums">{formatDateTime(e.createdAt)}</Td>
                  <Td>{e.type}</Td>
                  <Td>
                    <Link href={`${base}/${e.resourceType === "Group" ? "groups" : "users"}/${e.resourceId}`} className="font-mono text-[12px] text-indigo-700 hover:underline">
                      {e.resourceType} {e.resourceId}
                    </Link>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="text-sm text-slate-600">No changes were written in this cycle.</p>
        )}
      </Card>
    </div>
  );
}
