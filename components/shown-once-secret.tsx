"use client";

import { CopyButton } from "@/components/copy-button";
import { Alert } from "@/components/ui/alert";

/**
 * The panel that shows a just-created secret (an API client's secret, an API key) the one time it
 * exists in clear: Roster keeps only its hash.
 */
export function ShownOncePanel({
  label,
  testId,
  title,
  description,
  secretName,
  remedy,
  storage = "Roster stores only a hash of it",
  children,
}: {
  /** Accessible name of the region. */
  label: string;
  testId: string;
  title: React.ReactNode;
  description: React.ReactNode;
  /** What to copy, e.g. "client secret". */
  secretName: string;
  /** What to do if it is lost. */
  remedy: string;
  /** How Roster keeps it (a webhook's signing secret is kept as it is: signing needs it). */
  storage?: string;
  children: React.ReactNode;
}) {
  return (
    <div role="region" aria-label={label} data-testid={testId} className="rounded-lg bg-white p-5 shadow-sm ring-2 ring-emerald-500">
      <div className="flex items-start gap-3">
        <span className="grid size-8 shrink-0 place-items-center rounded-full bg-emerald-100 text-emerald-700" aria-hidden="true">
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
          </svg>
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
          <p className="mt-0.5 text-sm text-slate-600">{description}</p>
        </div>
      </div>
      <Alert tone="warning" className="mt-4" title={`Copy the ${secretName} now`}>
        {storage} and will never show it again — not after a reload, not to any admin. {remedy}
      </Alert>
      <div className="mt-4 space-y-3">{children}</div>
    </div>
  );
}

/** One secret value, labelled, with a copy button. */
export function SecretRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</div>
      <div className="mt-1 flex items-center gap-2">
        <code data-testid={testId} className="min-w-0 flex-1 break-all rounded-md bg-slate-50 px-3 py-2 font-mono text-[13px] text-slate-900 ring-1 ring-inset ring-slate-200">
          {value}
        </code>
        <CopyButton value={value} what={label} />
      </div>
    </div>
  );
}
