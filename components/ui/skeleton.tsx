import { cn } from "./cn";

export function Skeleton({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded-md bg-slate-200/80", className)} aria-hidden="true" />;
}

export function PageSkeleton({ rows = 6, label = "Loading", header = true }: { rows?: number; label?: string; header?: boolean }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">{label}…</span>
      {header ? (
        <>
          <Skeleton className="h-4 w-40" />
          <Skeleton className="mt-3 h-7 w-72" />
          <Skeleton className="mt-3 h-4 w-96 max-w-full" />
        </>
      ) : (
        <Skeleton className="h-9 w-full" />
      )}
      <div className="mt-8 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
        <div className="border-b border-slate-100 px-5 py-3">
          <Skeleton className="h-4 w-48" />
        </div>
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-center gap-4 border-b border-slate-100 px-5 py-3.5 last:border-0">
            <Skeleton className="h-4 w-1/4" />
            <Skeleton className="h-4 w-1/5" />
            <Skeleton className="h-4 w-1/6" />
            <Skeleton className="ml-auto h-4 w-16" />
          </div>
        ))}
      </div>
    </div>
  );
}
