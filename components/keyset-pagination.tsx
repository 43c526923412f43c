import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** "Newer / Older" links for keyset-paginated lists; keeps the current filters in the URL. */
export function KeysetPagination({
  basePath,
  params,
  nextCursor,
  prevCursor,
  itemCount,
  noun = "rows",
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  prevCursor: string | null;
  itemCount: number;
  noun?: string;
}) {
  const href = (cursor: Record<string, string>) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "after" && k !== "before") sp.set(k, v);
    for (const [k, v] of Object.entries(cursor)) sp.set(k, v);
    const qs = sp.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  if (!nextCursor && !prevCursor) return null;
  const disabled = "pointer-events-none opacity-50";
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3">
      <p className="text-sm text-slate-600">
        Showing {itemCount} {noun}
      </p>
      <div className="flex gap-2">
        {prevCursor ? (
          <Link className={buttonClasses("secondary", "sm")} href={href({ before: prevCursor })} rel="prev">
            ← Newer
          </Link>
        ) : (
          <span className={buttonClasses("secondary", "sm", disabled)} aria-disabled="true">
            ← Newer
          </span>
        )}
        {nextCursor ? (
          <Link className={buttonClasses("secondary", "sm")} href={href({ after: nextCursor })} rel="next">
            Older →
          </Link>
        ) : (
          <span className={buttonClasses("secondary", "sm", disabled)} aria-disabled="true">
            Older →
          </span>
        )}
      </div>
    </nav>
  );
}
