import Link from "next/link";
import { Logo } from "@/components/admin-shell/logo";
import { SidebarNav, type NavItem } from "@/components/admin-shell/sidebar-nav";
import { SignOutButton } from "@/components/admin-shell/sign-out-button";
import { AdminRoleBadge } from "@/components/admin-role-badge";
import { ConfirmAction } from "@/components/confirm-action";
import { requireAdmin } from "@/lib/auth/require-admin";
import { hasPermission } from "@/lib/auth/permissions";
import { signOutEverywhereAction } from "./admin/admins/actions";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdmin();
  const items: NavItem[] = [
    { href: "/admin/directories", label: "User directories", icon: "directories" },
    { href: "/admin/api-keys", label: "API keys", icon: "keys" },
    { href: "/admin/webhooks", label: "Webhooks", icon: "webhooks" },
  ];
  if (hasPermission(admin, "manageAdmins")) {
    items.push({ href: "/admin/admins", label: "Admins", icon: "admins" });
    items.push({ href: "/admin/audit", label: "Audit log", icon: "audit" });
  }

  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <aside className="border-b border-slate-200 bg-white md:min-h-screen md:w-64 md:shrink-0 md:border-b-0 md:border-r">
        <div className="flex flex-col gap-6 px-4 py-4 md:sticky md:top-0 md:h-screen md:py-6">
          <Link href="/admin/directories" className="rounded-md px-2" aria-label="Roster home">
            <Logo />
          </Link>
          <SidebarNav items={items} />
          <div className="mt-auto hidden border-t border-slate-100 pt-4 md:block">
            <div className="px-2">
              <p className="truncate text-sm font-medium text-slate-900" title={admin.email}>
                {admin.name || admin.email}
              </p>
              {admin.name ? (
                <p className="truncate text-xs text-slate-600" title={admin.email}>
                  {admin.email}
                </p>
              ) : null}
              <AdminRoleBadge admin={admin} className="mt-2" />
            </div>
            <div className="mt-3 space-y-1">
              <SignOutButton />
              <ConfirmAction
                action={signOutEverywhereAction}
                fields={{}}
                triggerLabel="Sign out everywhere"
                triggerVariant="ghost"
                title="Sign out on every device?"
                description="Every session of yours ends at its next request, this one too."
                confirmLabel="Sign out everywhere"
                pendingLabel="Signing out…"
              />
            </div>
          </div>
          <div className="flex items-center justify-between gap-2 md:hidden">
            <span className="min-w-0 truncate text-sm text-slate-700">{admin.email}</span>
            <div className="shrink-0">
              <SignOutButton />
            </div>
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-10 lg:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
