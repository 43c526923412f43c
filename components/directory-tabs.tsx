"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const TABS = [
  { segment: "", label: "Overview" },
  { segment: "clients", label: "API Clients" },
  { segment: "users", label: "Users" },
  { segment: "groups", label: "Groups" },
  { segment: "events", label: "Events" },
  { segment: "cycles", label: "Cycles" },
  { segment: "activity", label: "Activity" },
  { segment: "settings", label: "Settings" },
] as const;

/** The directory's tabs as links; the current one carries aria-current="page". */
export function DirectoryTabs({ directoryId, counts }: { directoryId: string; counts?: Partial<Record<"users" | "groups", number>> }) {
  const pathname = usePathname();
  const base = `/admin/directories/${directoryId}`;
  return (
    <nav aria-label="Directory sections" className="relative -mb-px overflow-x-auto">
      <ul className="flex min-w-max gap-1 border-b border-slate-200">
        {TABS.map((tab) => {
          const href = tab.segment ? `${base}/${tab.segment}` : base;
          const current = tab.segment ? pathname === href || pathname.startsWith(`${href}/`) : pathname === base;
          const count = tab.segment === "users" || tab.segment === "groups" ? counts?.[tab.segment] : undefined;
          return (
            <li key={tab.label}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium",
                  current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {tab.label}
                {count !== undefined ? (
                  <span className={cn("rounded-full px-1.5 py-0.5 text-xs tabular-nums", current ? "bg-indigo-100 text-indigo-700" : "bg-slate-100 text-slate-600")}>
                    {count.toLocaleString("en")}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
