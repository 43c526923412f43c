import type { Metadata } from "next";
import Link from "next/link";
import { CopyableValue } from "@/components/copyable-value";
import { RelativeTime } from "@/components/relative-time";
import { HttpStatusBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { getDirectoryOverview, type ActivityBrief } from "@/lib/admin/queries/get-directory-overview";
import { loadDirectoryPage } from "@/lib/admin/queries/load-directory-page";
import { getPublicOrigin } from "@/lib/admin/public-origin";
import { connectionEndpoints } from "@/lib/http/public-origin";
import { hasPermission } from "@/lib/auth/permissions";
import { listWebhookProblems } from "@/lib/webhooks/list-webhook-problems";
import { getDirectoryHealth } from "@/lib/sync-health/get-directory-health";
import { listTopErrors, topErrorPeriod } from "@/lib/sync-health/list-top-errors";
import { param, type SearchParams } from "@/lib/admin/queries/search-params";
import { SyncHealthCard } from "./sync-health-card";
import { SetActiveButton } from "./settings/set-active-button";
import { WebhookProblems } from "./webhook-problems";

export const metadata: Metadata = { title: "Directory overview" };
export const dynamic = "force-dynamic";

type StepState = "done" | "todo" | "manual";

interface Step {
  title: string;
  state: StepState;
  body: React.ReactNode;
}

function StepIcon({ state, index }: { state: StepState; index: number }) {
  if (state === "done") {
    return (
      <span className="grid size-7 shrink-0 place-items-center rounded-full bg-emerald-600 text-white">
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
          <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
        </svg>
      </span>
    );
  }
  return (
    <span
      className={cn(
        "grid size-7 shrink-0 place-items-center rounded-full text-xs font-semibold ring-2 ring-inset",
        state === "todo" ? "text-indigo-700 ring-indigo-300" : "text-slate-500 ring-slate-200",
      )}
      aria-hidden="true"
    >
      {index + 1}
    </span>
  );
}

const stateLabel: Record<StepState, string> = { done: "Done", todo: "To do", manual: "Done in Entra ID — Roster cannot check this step" };

function Stat({ label, value, tone = "default", children }: { label: string; value: React.ReactNode; tone?: "default" | "danger"; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className={cn("mt-1 truncate text-xl font-semibold tabular-nums", tone === "danger" ? "text-red-700" : "text-slate-900")}>{value}</dd>
      {children ? <dd className="mt-0.5 truncate text-xs text-slate-600">{children}</dd> : null}
    </div>
  );
}

function RequestLine({ entry, directoryId }: { entry: ActivityBrief; directoryId: string }) {
  return (
    <Link href={`/admin/directories/${directoryId}/activity/${entry.id}`} className="group block rounded-md p-2 -m-2 hover:bg-slate-50">
      <span className="flex min-w-0 items-center gap-2">
        <HttpStatusBadge status={entry.status} />
        <span className="truncate font-mono text-[13px] text-slate-800 group-hover:underline">
          {entry.method} {entry.path}
        </span>
      </span>
      <span className="mt-1 block truncate text-xs text-slate-600">
        <RelativeTime date={entry.createdAt} /> · {entry.operation}
        {entry.errorDetail ? ` · ${entry.errorDetail}` : ""}
      </span>
    </Link>
  );
}

export default async function DirectoryOverviewPage({ params, searchParams }: { params: Promise<{ directoryId: string }>; searchParams: Promise<SearchParams> }) {
  const { admin, directory } = await loadDirectoryPage(params);
  const canManage = hasPermission(admin, "manageDirectories");
  const errorPeriod = topErrorPeriod(param(await searchParams, "errors"));
  const [overview, origin, webhookProblems, health, topErrors] = await Promise.all([
    getDirectoryOverview({ directoryId: directory.id }),
    getPublicOrigin(),
    listWebhookProblems({ directoryId: directory.id }),
    getDirectoryHealth({ directoryId: directory.id, directoryCreatedAt: directory.createdAt }),
    listTopErrors({ directoryId: directory.id, since: errorPeriod.since, limit: 5 }),
  ]);
  const { tenantUrl, tokenEndpoint } = connectionEndpoints(origin);
  const base = `/admin/directories/${directory.id}`;

  const steps: Step[] = [
    {
      title: "Activate this directory",
      state: directory.active ? "done" : "todo",
      body: directory.active ? (
        "Roster answers SCIM requests for this directory."
      ) : (
        <span className="flex flex-wrap items-center gap-3">
          <span>While inactive, Roster refuses tokens and SCIM requests for it.</span>
          {canManage ? <SetActiveButton directoryId={directory.id} active={false} /> : null}
        </span>
      ),
    },
    {
      title: "Create an API client",
      state: overview.activeClientCount > 0 ? "done" : "todo",
      body: (
        <>
          Entra ID authenticates with a client id and secret (OAuth 2.0 client credentials).{" "}
          <Link href={`${base}/clients`} className="font-medium text-indigo-700 hover:underline">
            {overview.activeClientCount > 0 ? `Manage API clients (${overview.activeClientCount} active)` : "Create one on the API Clients tab"}
          </Link>
        </>
      ),
    },
    {
      title: "Create an enterprise application in Microsoft Entra ID",
      state: "manual",
      body: "Entra admin center → Enterprise applications → New application → Create your own application → “Integrate any other application you don’t find in the gallery (Non-gallery)”.",
    },
    {
      title: "Set provisioning to Automatic and enter the credentials",
      state: overview.tokenIssued ? "done" : "manual",
      body: "In the application: Provisioning → Provisioning Mode “Automatic” → Authentication method “OAuth2 client credentials grant”. Enter the Tenant URL, Token Endpoint, Client Identifier and Client Secret.",
    },
    {
      title: "Test Connection",
      state: overview.tokenIssued ? "done" : "todo",
      body: overview.tokenIssued
        ? "Entra ID obtained an access token from Roster."
        : "Press “Test Connection” in Entra ID. This step is checked as soon as Roster issues a token to one of this directory’s clients.",
    },
    {
      title: "Review the attribute mappings",
      state: overview.profileFieldCount > 0 ? "done" : "manual",
      body: (
        <>
          Mappings → Provision Microsoft Entra ID Users / Groups. Custom attributes are sent as{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-[12px]">profileField_&lt;name&gt;</code>;{" "}
          <Link href={`${base}/settings#profile-fields`} className="font-medium text-indigo-700 hover:underline">
            list the names you expect in Settings
          </Link>
          {overview.profileFieldCount > 0 ? ` (${overview.profileFieldCount} expected).` : "."}
        </>
      ),
    },
    {
      title: "Start provisioning",
      state: overview.userCount > 0 ? "done" : "todo",
      body:
        overview.userCount > 0
          ? `Roster has received ${overview.userCount.toLocaleString("en")} user${overview.userCount === 1 ? "" : "s"} and ${overview.groupCount.toLocaleString("en")} group${overview.groupCount === 1 ? "" : "s"}.`
          : "Set Provisioning Status to “On” and save. Entra ID syncs in cycles (about every 40 minutes); “Provision on demand” pushes one user right away.",
    },
  ];
  const doneCount = steps.filter((s) => s.state === "done").length;

  return (
    <div className="space-y-6">
      <WebhookProblems webhooks={webhookProblems} />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <Stat label="Users" value={overview.userCount.toLocaleString("en")} />
        <Stat label="Groups" value={overview.groupCount.toLocaleString("en")} />
        <Stat label="Requests (24 h)" value={overview.requestsLast24h.toLocaleString("en")} />
        <Stat label="Failures (24 h)" value={overview.failuresLast24h.toLocaleString("en")} tone={overview.failuresLast24h ? "danger" : "default"} />
        <Stat label="Last activity" value={<RelativeTime date={overview.lastActivityAt} fallback="None yet" />} />
      </dl>

      <div className="grid gap-6 lg:grid-cols-5">
        <div className="min-w-0 space-y-6 lg:col-span-3">
          <Card
            title="Connect Microsoft Entra ID"
            description="Enter these in the enterprise application’s Provisioning → Admin Credentials."
          >
            <div className="space-y-4">
              <CopyableValue label="Tenant URL" value={tenantUrl} testId="tenant-url" />
              <CopyableValue label="Token Endpoint" value={tokenEndpoint} testId="token-endpoint" />
              <p className="text-xs text-slate-600">
                Client Identifier and Client Secret come from an API client of this directory. The secret is shown once, when the client is created.
              </p>
            </div>
          </Card>

          <Card title="Setup checklist" description={`${doneCount} of ${steps.length} steps confirmed by Roster`}>
            <ol className="space-y-5" aria-label="Entra ID setup steps">
              {steps.map((step, i) => (
                <li key={step.title} className="flex gap-3" data-state={step.state}>
                  <StepIcon state={step.state} index={i} />
                  <div className="min-w-0">
                    <p className="text-sm font-medium text-slate-900">
                      {step.title} <span className="sr-only">({stateLabel[step.state]})</span>
                    </p>
                    <div className="mt-0.5 text-sm text-slate-600">{step.body}</div>
                  </div>
                </li>
              ))}
            </ol>
          </Card>
        </div>

        <div className="min-w-0 space-y-6 lg:col-span-2">
          <SyncHealthCard health={health} topErrors={topErrors} errorPeriod={errorPeriod.period} base={base} />
          <Card title="Requests" actions={<ButtonLink href={`${base}/activity`} variant="ghost" size="sm">All activity →</ButtonLink>}>
            <dl className="space-y-4 text-sm">
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Last request</dt>
                <dd className="mt-1.5">
                  {overview.lastRequest ? <RequestLine entry={overview.lastRequest} directoryId={directory.id} /> : <span className="text-slate-500">No requests received yet.</span>}
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Last error</dt>
                <dd className="mt-1.5">
                  {overview.lastError ? <RequestLine entry={overview.lastError} directoryId={directory.id} /> : <span className="text-slate-500">No errors.</span>}
                </dd>
              </div>
              <div className="grid grid-cols-2 gap-3 border-t border-slate-100 pt-4">
                <div>
                  <dt className="text-xs text-slate-600">Requests, last 24 h</dt>
                  <dd className="text-lg font-semibold tabular-nums">{overview.requestsLast24h.toLocaleString("en")}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Failures, last 24 h</dt>
                  <dd className={cn("text-lg font-semibold tabular-nums", overview.failuresLast24h ? "text-red-700" : "")}>
                    {overview.failuresLast24h ? (
                      <Link href={`${base}/activity?outcome=failure&range=24h`} className="hover:underline">
                        {overview.failuresLast24h.toLocaleString("en")}
                      </Link>
                    ) : (
                      0
                    )}
                  </dd>
                </div>
              </div>
            </dl>
          </Card>
          <Card title="Directory">
            <dl className="space-y-2 text-sm">
              <div className="flex justify-between gap-3">
                <dt className="text-slate-600">Deprovisioning</dt>
                <dd className="font-medium">{directory.deprovisionPolicy === "retain" ? "Retain (deactivate)" : "Erase"}</dd>
              </div>
              <div className="flex justify-between gap-3">
                <dt className="text-slate-600">Active API clients</dt>
                <dd className="font-medium tabular-nums">{overview.activeClientCount}</dd>
              </div>
              <div className="flex justify-between gap-3">
                <dt className="text-slate-600">Created</dt>
                <dd>
                  <RelativeTime date={directory.createdAt} />
                </dd>
              </div>
              <div className="flex justify-between gap-3">
                <dt className="text-slate-600">Directory id</dt>
                <dd className="truncate font-mono text-[12px] text-slate-700" title={directory.id}>
                  {directory.id}
                </dd>
              </div>
            </dl>
          </Card>
        </div>
      </div>
    </div>
  );
}
