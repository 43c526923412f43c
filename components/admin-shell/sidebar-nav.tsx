"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export interface NavItem {
  href: string;
  label: string;
  icon: "directories" | "keys" | "webhooks" | "admins" | "audit";
}

function Icon({ name }: { name: NavItem["icon"] }) {
  if (name === "keys") {
    return (
      <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4" aria-hidden="true">
        <circle cx="6.5" cy="13.5" r="3" />
        <path d="m8.7 11.3 7.3-7.3M13.5 6.5 15.5 8.5M11.5 8.5l1.5 1.5" />
      </svg>
    );
  }
  if (name === "webhooks") {
    return (
      <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4" aria-hidden="true">
        <path d="M3 10h9M9 6l4 4-4 4" />
        <path d="M15.5 4v12" />
      </svg>
    );
  }
  if (name === "audit") {
    return (
      <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4" aria-hidden="true">
        <path d="M6 2.5h6l3.5 3.5v11.5h-9.5z" />
        <path d="M8.5 9.5h4.5M8.5 12.5h4.5M8.5 15.5h2.5" />
      </svg>
    );
  }
  if (name === "admins") {
    return (
      <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4" aria-hidden="true">
        <path d="M10 2.5 4 5v4.5c0 3.6 2.6 6.9 6 8 3.4-1.1 6-4.4 6-8V5l-6-2.5Z" />
        <path d="m7.5 10 1.8 1.8L12.8 8" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4" aria-hidden="true">
      <circle cx="7.5" cy="7" r="2.5" />
      <path d="M3 15.5c.6-2.3 2.4-3.5 4.5-3.5s3.9 1.2 4.5 3.5" />
      <path d="M13 5h4M13 8.5h4M14.5 12h2.5" />
    </svg>
  );
}

export function SidebarNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration">
      <p className="px-3 text-xs font-semibold uppercase tracking-wider text-slate-500">Administration</p>
      <ul className="mt-2 flex flex-wrap gap-1 md:flex-col">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium",
                  current ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                <Icon name={item.icon} />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
