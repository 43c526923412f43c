// The overview's answer to "is provisioning healthy?": the state and why, the last cycle, when the next
// is expected, and the most frequent errors of a chosen period (?errors=24h|7d|30d; 7 days by default).
import Link from "next/link";
import { HealthBadge } from "@/components/health-badge";
import { formatDateTime, RelativeTime } from "@/components/relative-time";
import { HttpStatusBadge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { DirectoryHealth } from "@/lib/directory-data/directory-health";
import { formatDuration } from "@/lib/sync-health/format-duration";
import { TOP_ERROR_PERIODS, type TopError, type TopErrorPeriod } from "@/lib/sync-health/list-top-errors";
import { CycleChanges } from "./cycles/cycle-changes";

/** "14:35 UTC": the console shows times in UTC throughout. */
function clockTime(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

export function SyncHealthCard({ health, topErrors, errorPeriod, base }: { health: DirectoryHealth; topErrors: TopError[]; errorPeriod: TopErrorPeriod; base: string }) {
  const periodLabel = TOP_ERROR_PERIODS[errorPeriod].label;
  const cycle = health.lastCycle;
  return (
    <Card
      title="Is provisioning healthy?"
      actions={
        <ButtonLink href={`${base}/cycles`} variant="ghost" size="sm">
          All cycles →
        </ButtonLink>
      }
    >
      <div className="space-y-4 text-sm" data-testid="sync-health">
        <div className="flex flex-wrap items-center gap-2">
          <HealthBadge state={health.state} />
          <span className="text-slate-600">
            since <RelativeTime date={new Date(health.since)} />
          </span>
        </div>
        <p className="text-slate-800" data-testid="health-reason">
          {health.reason}
        </p>
        {cycle ? (
          <div className="border-t border-slate-100 pt-4">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">Last cycle</p>
            <Link href={`${base}/cycles/${cycle.id}`} className="mt-1.5 block rounded-md p-2 -m-2 hover:bg-slate-50">
              <span className="block text-slate-900">
                <time dateTime={cycle.startedAt} title={formatDateTime(new Date(cycle.startedAt))}>
                  {clockTime(cycle.startedAt)}
                </time>{" "}
                for {formatDuration(Date.parse(cycle.endedAt) - Date.parse(cycle.startedAt))}: {cycle.requests.toLocaleString("en")} requests,{" "}
                <span className={cycle.failures ? "font-medium text-red-700" : ""}>{cycle.failures.toLocaleString("en")} failed</span>
              </span>
              <span className="mt-0.5 block text-xs text-slate-600">
                <CycleChanges cycle={cycle} />
              </span>
            </Link>
            <p className="mt-3 text-slate-700">
              {health.nextCycleExpectedAt
                ? `Next cycle expected around ${clockTime(health.nextCycleExpectedAt)}`
                : "Next cycle: not known until Roster has seen two cycles"}
            </p>
          </div>
        ) : null}
        {cycle || topErrors.length ? (
          <div className="border-t border-slate-100 pt-4" data-testid="top-errors">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="text-xs font-medium uppercase tracking-wide text-slate-600">Top errors, last {periodLabel}</p>
              <nav aria-label="Top errors period" className="flex gap-1 text-xs">
                {(Object.keys(TOP_ERROR_PERIODS) as TopErrorPeriod[]).map((p) => (
                  <Link
                    key={p}
                    href={`${base}?errors=${p}`}
                    aria-current={p === errorPeriod ? "page" : undefined}
                    className={p === errorPeriod ? "rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-900" : "rounded px-1.5 py-0.5 text-indigo-700 hover:underline"}
                  >
                    {TOP_ERROR_PERIODS[p].label}
                  </Link>
                ))}
              </nav>
            </div>
            {topErrors.length ? null : <p className="mt-2 text-slate-600">No errors in the last {periodLabel}.</p>}
            <ul className="mt-2 space-y-2">
              {topErrors.map((e) => (
                <li key={`${e.status}|${e.scimType}|${e.reason}`} className="flex items-start gap-2">
                  <HttpStatusBadge status={e.status} />
                  <Link href={`${base}/activity/${e.exampleActivityId}`} className="min-w-0 hover:underline" title="Open an example request">
                    <span className="font-medium tabular-nums">{e.count.toLocaleString("en")} ×</span> {e.scimType ? `${e.scimType}: ` : ""}
                    {e.reason || "(no detail)"}
                    <span className="block text-xs text-slate-600">
                      last <RelativeTime date={e.lastSeenAt} />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
