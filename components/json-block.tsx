// Pretty-printed JSON (or the raw text when it is not JSON), scrollable, never widening the page.

export function prettyJson(value: unknown): string {
  if (typeof value === "string") {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

export function JsonBlock({ value, label, empty = "No body", maxHeight = "max-h-[32rem]" }: { value: unknown; label?: string; empty?: string; maxHeight?: string }) {
  if (value === null || value === undefined || value === "") return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className={`${maxHeight} overflow-auto rounded-md bg-slate-950 p-4 font-mono text-[12.5px] leading-relaxed text-slate-100`}
    >
      <code>{prettyJson(value)}</code>
    </pre>
  );
}
