import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/access-denied";
import { FilterActions } from "@/components/filter-actions";
import { KeysetPagination } from "@/components/keyset-pagination";
import { formatDateTime, RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClasses } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Muted, Table, Td, Th, Truncate } from "@/components/ui/table";
import { auditFilterSchema, listAuditLog, type AuditFilter } from "@/lib/admin/queries/list-audit-log";
import { param, type SearchParams } from "@/lib/admin/queries/search-params";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/audit-actions";
import { hasPermission } from "@/lib/auth/permissions";
import { requireAdmin } from "@/lib/auth/require-admin";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const BASE = "/admin/audit";

function queryString(filter: AuditFilter): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) sp.set(k, String(v));
  const qs = sp.toString();
  return qs ? `?${qs}` : "";
}

function TextFilter({ id, name, label, value, placeholder, type = "text" }: { id: string; name: string; label: string; value?: string; placeholder?: string; type?: string }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <input key={value ?? ""} id={id} name={name} type={type} defaultValue={value} placeholder={placeholder} className={`${inputClasses} mt-1`} />
    </div>
  );
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requireAdmin();
  if (!hasPermission(me, "viewAuditLog")) return <AccessDenied permission="viewAuditLog" />;
  const sp = await searchParams;
  const filter = auditFilterSchema.parse({ actor: param(sp, "actor"), action: param(sp, "action"), target: param(sp, "target"), from: param(sp, "from"), to: param(sp, "to") });
  const page = await listAuditLog({ filter, page: { after: param(sp, "after"), before: param(sp, "before") } });
  const filtered = Object.values(filter).some(Boolean);

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Administration" }, { label: "Audit log" }]}
        title="Audit log"
        description="Every change made in this console or with the roster CLI, and every sign-in, with who, when, from where and what changed. Secrets are never recorded."
        actions={
          // A plain link: the export is a file download from a route handler, not a page.
          <a href={`${BASE}/export${queryString(filter)}`} className={buttonClasses("secondary")} download>
            Export CSV
          </a>
        }
      />
      <div className="space-y-4">
        <form action={BASE} method="get" aria-label="Filter the audit log" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            <TextFilter id="f-actor" name="actor" label="Actor" value={filter.actor} placeholder="Email, OS user or admin id" />
            <div className="min-w-0">
              <label htmlFor="f-action" className="block text-xs font-medium text-slate-700">
                Action
              </label>
              <select key={filter.action ?? ""} id="f-action" name="action" defaultValue={filter.action ?? ""} className={`${inputClasses} mt-1`}>
                <option value="">Any action</option>
                {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <TextFilter id="f-target" name="target" label="Target" value={filter.target} placeholder="Name, client id, email or id" />
          </div>
          <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
            <TextFilter id="f-from" name="from" label="From (UTC)" type="datetime-local" value={filter.from} />
            <TextFilter id="f-to" name="to" label="To (UTC)" type="datetime-local" value={filter.to} />
            <FilterActions resetHref={BASE} filtered={filtered} />
          </div>
        </form>

        {page.items.length === 0 ? (
          <EmptyState title={filtered ? "No entries match these filters" : "Nothing recorded yet"}>
            {filtered ? "Widen the time range or reset the filters." : "Changes to directories, API clients, API keys and admins, and sign-ins, appear here."}
          </EmptyState>
        ) : (
          <>
            <Table caption="Audit log, newest first" minWidth="min-w-[60rem]">
              <thead>
                <tr>
                  <Th className="w-32">Time</Th>
                  <Th className="w-56">Actor</Th>
                  <Th className="w-52">Action</Th>
                  <Th>Target</Th>
                  <Th className="w-32">IP</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.items.map((e) => (
                  <tr key={e.id} className="hover:bg-slate-50" data-testid="audit-row">
                    <Td>
                      <Link href={`${BASE}/${e.id}`} className="block truncate text-indigo-700 hover:underline" title={formatDateTime(e.createdAt)}>
                        <RelativeTime date={e.createdAt} />
                      </Link>
                    </Td>
                    <Td>
                      <Truncate title={e.actorId ?? undefined}>{e.actorName || e.actorType}</Truncate>
                      {e.actorType !== "admin" ? <span className="text-xs text-slate-500">{e.actorType}</span> : null}
                    </Td>
                    <Td>
                      <Badge tone={e.action === "auth.sign_in_failed" ? "amber" : e.action.endsWith("delete") || e.action.endsWith("revoke") || e.action.endsWith("remove") ? "red" : "gray"}>
                        {isAuditAction(e.action) ? AUDIT_ACTIONS[e.action] : e.action}
                      </Badge>
                    </Td>
                    <Td>
                      <Truncate title={e.targetId ?? undefined}>{e.targetLabel || e.targetId || e.targetType}</Truncate>
                      <span className="text-xs text-slate-500">{e.targetType.replace("_", " ")}</span>
                    </Td>
                    <Td>{e.ip ? <Truncate className="font-mono text-[12px]">{e.ip}</Truncate> : <Muted />}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <KeysetPagination basePath={BASE} params={{ ...filter }} nextCursor={page.nextCursor} prevCursor={page.prevCursor} itemCount={page.items.length} noun="entries" />
          </>
        )}
      </div>
    </>
  );
}
