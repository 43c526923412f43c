import { cn } from "./cn";

export function DescriptionList({ children, className }: { children: React.ReactNode; className?: string }) {
  return <dl className={cn("divide-y divide-slate-100", className)}>{children}</dl>;
}

export function DescriptionItem({ term, children, mono }: { term: React.ReactNode; children: React.ReactNode; mono?: boolean }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2.5 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className={cn("min-w-0 break-words text-sm text-slate-900 sm:col-span-2", mono && "font-mono text-[13px]")}>{children}</dd>
    </div>
  );
}
