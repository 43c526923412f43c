import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { hasAnyAdmin } from "@/lib/auth/create-admin";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Roster" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  await getAuthOptions(); // creates the owner from ROSTER_ADMIN_EMAIL first, when configured
  if (await hasAnyAdmin()) {
    return (
      <>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Roster is already set up</h1>
        <Alert tone="info" className="mt-4">
          An admin account exists, so first-run setup is closed. Ask an owner to add you on the Admins page.
        </Alert>
        <Link href="/signin" className={buttonClasses("primary", "md", "mt-6 w-full")}>
          Go to sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Create the owner account</h1>
      <p className="mt-1 text-sm text-slate-600">
        This first account owns Roster: it manages user directories and adds other admins. Setup closes once it exists.
      </p>
      <SetupForm />
    </>
  );
}
