import { CopyButton } from "./copy-button";

/** A labelled value in a monospace box with a copy button, e.g. the Tenant URL. */
export function CopyableValue({ label, value, hint, testId }: { label: string; value: string; hint?: React.ReactNode; testId?: string }) {
  return (
    <div>
      <div className="text-sm font-medium text-slate-800">{label}</div>
      <div className="mt-1.5 flex items-center gap-2">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 truncate rounded-md bg-slate-50 px-3 py-2 font-mono text-[13px] text-slate-900 ring-1 ring-inset ring-slate-200"
          title={value}
        >
          {value}
        </code>
        <CopyButton value={value} what={label} />
      </div>
      {hint ? <p className="mt-1.5 text-xs text-slate-600">{hint}</p> : null}
    </div>
  );
}
