import { cn } from "./cn";

/** A horizontally scrollable table inside a card-like frame; long cells truncate instead of widening the page. */
/**
 * `minWidth` (a Tailwind min-w-[…] class) keeps fixed-layout columns readable: below it the table
 * scrolls inside its frame; above it the one column without a width takes the remaining space.
 */
export function Table({ children, caption, className, minWidth }: { children: React.ReactNode; caption?: string; className?: string; minWidth?: string }) {
  return (
    <div className={cn("relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200", className)}>
      <table className={cn("w-full table-fixed divide-y divide-slate-200 text-sm", minWidth)}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function Th({ children, className, srOnly }: { children?: React.ReactNode; className?: string; srOnly?: boolean }) {
  return (
    <th scope="col" className={cn("whitespace-nowrap bg-slate-50 px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600", className)}>
      {srOnly ? <span className="sr-only">{children}</span> : children}
    </th>
  );
}

export function Td({ children, className, title }: { children?: React.ReactNode; className?: string; title?: string }) {
  return (
    <td className={cn("px-4 py-3 align-middle text-slate-700", className)} title={title}>
      {children}
    </td>
  );
}

export function Truncate({ children, className, title }: { children: React.ReactNode; className?: string; title?: string }) {
  return (
    <span className={cn("block truncate", className)} title={title ?? (typeof children === "string" ? children : undefined)}>
      {children}
    </span>
  );
}

export function Muted({ children = "—" }: { children?: React.ReactNode }) {
  return <span className="text-slate-400">{children}</span>;
}
