// "3 minutes ago", with the exact UTC time as a tooltip and in the <time> element.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function formatRelative(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (abs >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds / 60), "minute");
}

export function formatDateTime(date: Date): string {
  return date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

export function RelativeTime({ date, fallback = "Never", className }: { date: Date | null | undefined; fallback?: string; className?: string }) {
  if (!date) return <span className="text-slate-500">{fallback}</span>;
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)} className={className} suppressHydrationWarning>
      {formatRelative(date)}
    </time>
  );
}

export function DateTime({ date, className }: { date: Date | null | undefined; className?: string }) {
  if (!date) return <span className="text-slate-500">—</span>;
  return (
    <time dateTime={date.toISOString()} className={className ?? "tabular-nums"}>
      {formatDateTime(date)}
    </time>
  );
}
