import type { Metadata } from "next";
import Link from "next/link";
import { FilterForm, FilterInput, FilterSelect } from "@/components/filter-form";
import { KeysetPagination } from "@/components/keyset-pagination";
import { formatDateTime, RelativeTime } from "@/components/relative-time";
import { HttpStatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";
import { activityFilterSchema, listActivity, OPERATIONS, OUTCOMES, RESOURCE_TYPES, TIME_RANGES } from "@/lib/admin/queries/list-activity";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { param, type SearchParams } from "@/lib/admin/queries/search-params";

export const metadata: Metadata = { title: "Activity" };
export const dynamic = "force-dynamic";

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ directoryId: string }>; searchParams: Promise<SearchParams> }) {
  const { directory } = await loadDirectoryPage(params);
  const sp = await searchParams;
  const filter = activityFilterSchema.parse({
    outcome: param(sp, "outcome"),
    operation: param(sp, "operation"),
    resourceType: param(sp, "resourceType"),
    range: param(sp, "range"),
    from: param(sp, "from"),
    to: param(sp, "to"),
  });
  const page = await listActivity({ directoryId: directory.id, filter, after: param(sp, "after"), before: param(sp, "before") });
  const base = `/admin/directories/${directory.id}/activity`;
  const filtered = Object.values(filter).some(Boolean);
  const keep = { outcome: filter.outcome, operation: filter.operation, resourceType: filter.resourceType, range: filter.range, from: filter.from, to: filter.to };
  const operationOptions: [string, string][] = OPERATIONS.map((o) => [o, o]);
  if (filter.operation && !OPERATIONS.includes(filter.operation as (typeof OPERATIONS)[number])) operationOptions.push([filter.operation, filter.operation]);

  return (
    <div className="space-y-4">
      <FilterForm
        action={base}
        label="Filter activity"
        filtered={filtered}
        firstRow={
          <>
            <FilterSelect id="f-outcome" name="outcome" label="Outcome" value={filter.outcome} anyLabel="Any outcome" options={Object.entries(OUTCOMES)} />
            <FilterSelect id="f-operation" name="operation" label="Operation" value={filter.operation} anyLabel="Any operation" options={operationOptions} />
            <FilterSelect id="f-resource" name="resourceType" label="Resource type" value={filter.resourceType} anyLabel="Any resource" options={Object.entries(RESOURCE_TYPES)} />
            <FilterSelect id="f-range" name="range" label="Time range" value={filter.range === "any" ? "" : filter.range} anyLabel={TIME_RANGES.any} options={Object.entries(TIME_RANGES).filter(([k]) => k !== "any")} />
          </>
        }
      >
        <FilterInput id="f-from" name="from" type="datetime-local" label="From (UTC, custom range)" value={filter.from} />
        <FilterInput id="f-to" name="to" type="datetime-local" label="To (UTC, custom range)" value={filter.to} />
      </FilterForm>

      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No requests match these filters">Widen the time range or reset the filters.</EmptyState>
        ) : (
          <EmptyState title="No requests received yet">
            Every token request and SCIM request Roster receives for this directory is listed here, with its answer. Press “Test Connection” in Entra ID to see the first ones.
          </EmptyState>
        )
      ) : (
        <>
          <Table caption="Requests received, newest first" minWidth="min-w-[62rem]">
            <thead>
              <tr>
                <Th className="w-32">Time</Th>
                <Th className="w-40">Client</Th>
                <Th>Request</Th>
                <Th className="w-36">Operation</Th>
                <Th className="w-28">Resource</Th>
                <Th className="w-20">Status</Th>
                <Th className="w-24 text-right">Duration</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((a) => {
                const href = `${base}/${a.id}`;
                return (
                  <tr key={a.id} className="hover:bg-slate-50" data-testid="activity-row">
                    <Td>
                      <Link href={href} className="block truncate text-indigo-700 hover:underline" title={formatDateTime(a.createdAt)}>
                        <RelativeTime date={a.createdAt} />
                      </Link>
                    </Td>
                    <Td>{a.clientId ? <Truncate className="font-mono text-[12px]" title={a.clientId}>{a.clientLabel ?? a.clientId}</Truncate> : <Muted />}</Td>
                    <Td>
                      <Link href={href} className="block truncate font-mono text-[12.5px] text-slate-800 hover:underline" title={`${a.method} ${a.path}${a.query ? `?${a.query}` : ""}`}>
                        <span className="font-semibold">{a.method}</span> {a.path}
                        {a.query ? <span className="text-slate-500">?{a.query}</span> : null}
                      </Link>
                      {a.status >= 400 && a.errorDetail ? <span className="mt-0.5 block truncate text-xs text-red-700" title={a.errorDetail}>{a.errorDetail}</span> : null}
                    </Td>
                    <Td>
                      <Truncate className="font-mono text-[12px]">{a.operation}</Truncate>
                    </Td>
                    <Td>{a.resourceType ? <Truncate title={a.resourceId ?? undefined}>{a.resourceType}</Truncate> : a.kind === "token" ? "Token" : <Muted />}</Td>
                    <Td>
                      <HttpStatusBadge status={a.status} />
                    </Td>
                    <Td className="text-right tabular-nums text-slate-600">{a.durationMs} ms</Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <KeysetPagination basePath={base} params={keep} nextCursor={page.nextCursor} prevCursor={page.prevCursor} itemCount={page.items.length} noun="requests" />
        </>
      )}
    </div>
  );
}
