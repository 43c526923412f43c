import type { Metadata } from "next";
import { AccessDenied } from "@/components/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import { CreateDirectoryForm } from "./create-directory-form";

export const metadata: Metadata = { title: "Create user directory" };
export const dynamic = "force-dynamic";

export default async function NewDirectoryPage() {
  const admin = await requireAdmin();
  if (!hasPermission(admin, "manageDirectories")) return <AccessDenied permission="manageDirectories" />;
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "User directories", href: "/admin/directories" }, { label: "Create" }]}
        title="Create user directory"
        description="A directory is where one identity provider provisions its users and groups. You will connect it on the next page."
      />
      <div className="max-w-2xl">
        <CreateDirectoryForm />
      </div>
    </>
  );
}
