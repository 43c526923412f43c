import { cn } from "./cn";

export type BadgeTone = "green" | "gray" | "red" | "amber" | "blue" | "indigo";

const tones: Record<BadgeTone, string> = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/25",
  gray: "bg-slate-100 text-slate-700 ring-slate-500/20",
  red: "bg-red-50 text-red-800 ring-red-600/25",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/30",
  blue: "bg-sky-50 text-sky-800 ring-sky-600/25",
  indigo: "bg-indigo-50 text-indigo-800 ring-indigo-600/25",
};

export function Badge({ tone = "gray", children, className, dot }: { tone?: BadgeTone; children: React.ReactNode; className?: string; dot?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tones[tone], className)}>
      {dot ? <span className="size-1.5 rounded-full bg-current" aria-hidden="true" /> : null}
      {children}
    </span>
  );
}

export function ActiveBadge({ active, activeLabel = "Active", inactiveLabel = "Inactive" }: { active: boolean; activeLabel?: string; inactiveLabel?: string }) {
  return (
    <Badge tone={active ? "green" : "gray"} dot>
      {active ? activeLabel : inactiveLabel}
    </Badge>
  );
}

export function HttpStatusBadge({ status }: { status: number }) {
  const tone: BadgeTone = status >= 500 ? "red" : status >= 400 ? "amber" : status >= 300 ? "blue" : "green";
  return (
    <Badge tone={tone} className="font-mono tabular-nums">
      {status}
    </Badge>
  );
}
