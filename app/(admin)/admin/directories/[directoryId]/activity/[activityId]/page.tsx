import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JsonBlock } from "@/components/json-block";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { HttpStatusBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DescriptionItem, DescriptionList } from "@/components/ui/description-list";
import { Breadcrumbs } from "@/components/ui/page-header";
import { getActivityEntry } from "@/lib/admin/queries/get-activity-entry";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";

export const metadata: Metadata = { title: "Request" };
export const dynamic = "force-dynamic";

function verdict(status: number): { tone: "success" | "warning" | "error"; text: string } {
  if (status < 300) return { tone: "success", text: "Roster accepted the request." };
  if (status < 400) return { tone: "success", text: "Roster answered with a redirect or not-modified." };
  if (status < 500) return { tone: "warning", text: "Roster refused the request: the client sent something Roster could not accept." };
  return { tone: "error", text: "Roster failed to handle the request (server error)." };
}

export default async function ActivityEntryPage({ params }: { params: Promise<{ directoryId: string; activityId: string }> }) {
  const { directory } = await loadDirectoryPage(params);
  const { activityId } = await params;
  const entry = await getActivityEntry({ directoryId: directory.id, activityId });
  if (!entry) notFound();
  const base = `/admin/directories/${directory.id}`;
  const v = verdict(entry.status);
  const resourceHref =
    entry.resourceId && entry.resourceType === "User"
      ? `${base}/users/${entry.resourceId}`
      : entry.resourceId && entry.resourceType === "Group"
        ? `${base}/groups/${entry.resourceId}`
        : null;

  return (
    <div className="space-y-6">
      <div>
        <Breadcrumbs items={[{ label: "Activity", href: `${base}/activity` }, { label: `${entry.method} ${entry.path}` }]} />
        <div className="mt-3 flex min-w-0 flex-wrap items-center gap-3">
          <HttpStatusBadge status={entry.status} />
          <h2 className="min-w-0 truncate font-mono text-lg font-semibold text-slate-900" title={`${entry.method} ${entry.path}`}>
            {entry.method} {entry.path}
          </h2>
        </div>
        <p className="mt-1 text-sm text-slate-600">
          Received <RelativeTime date={entry.createdAt} /> · answered {entry.status} in {entry.durationMs} ms · {entry.operation}
        </p>
      </div>

      <Alert tone={v.tone} title={v.text}>
        {entry.status >= 400 ? (
          <dl className="mt-1 space-y-1">
            {entry.errorDetail ? (
              <div>
                <dt className="inline font-medium">Detail: </dt>
                <dd className="inline break-words">{entry.errorDetail}</dd>
              </div>
            ) : null}
            {entry.scimType ? (
              <div>
                <dt className="inline font-medium">scimType: </dt>
                <dd className="inline font-mono">{entry.scimType}</dd>
              </div>
            ) : null}
            {!entry.errorDetail && !entry.scimType ? <dd>See the response body below.</dd> : null}
          </dl>
        ) : null}
      </Alert>

      <Card title="Request">
        <DescriptionList>
          <DescriptionItem term="Time">
            <DateTime date={entry.createdAt} />
          </DescriptionItem>
          <DescriptionItem term="Endpoint" mono>
            {entry.method} {entry.path}
            {entry.query ? `?${entry.query}` : ""}
          </DescriptionItem>
          <DescriptionItem term="Kind">{entry.kind === "token" ? "Token request (OAuth 2.0)" : "SCIM request"}</DescriptionItem>
          <DescriptionItem term="Client">
            {entry.clientId ? (
              <>
                <span className="font-mono text-[13px]">{entry.clientId}</span>
                {entry.clientLabel ? <span className="text-slate-600"> ({entry.clientLabel})</span> : null}
              </>
            ) : (
              "—"
            )}
          </DescriptionItem>
          <DescriptionItem term="Resource">
            {entry.resourceType ? (
              <>
                {entry.resourceType}{" "}
                {resourceHref ? (
                  <Link href={resourceHref} className="break-all font-mono text-[12px] text-indigo-700 hover:underline">
                    {entry.resourceId}
                  </Link>
                ) : (
                  <span className="break-all font-mono text-[12px]">{entry.resourceId}</span>
                )}
              </>
            ) : (
              "—"
            )}
          </DescriptionItem>
          <DescriptionItem term="Request id" mono>
            {entry.requestId}
          </DescriptionItem>
          <DescriptionItem term="IP address" mono>
            {entry.ip ?? "—"}
          </DescriptionItem>
          <DescriptionItem term="User agent">{entry.userAgent ?? "—"}</DescriptionItem>
        </DescriptionList>
      </Card>

      <div className="grid gap-6 xl:grid-cols-2 [&>*]:min-w-0">
        <Card title="Request body" description="Secrets and passwords are redacted before storage.">
          <JsonBlock value={entry.requestBody} label="Request body" empty="No request body." />
        </Card>
        <Card title="Response body" description="Secrets and tokens are redacted before storage.">
          <JsonBlock value={entry.responseBody} label="Response body" empty="No response body." />
        </Card>
      </div>
    </div>
  );
}
