import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { hasAnyAdmin } from "@/lib/auth/create-admin";
import { getCurrentAdmin } from "@/lib/auth/require-admin";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  await getAuthOptions(); // creates the owner from ROSTER_ADMIN_EMAIL first, when configured
  if (!(await hasAnyAdmin())) redirect("/setup");
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentAdmin()) redirect(callbackUrl);
  const email = typeof params.email === "string" ? params.email : "";
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Sign in to Roster</h1>
      <p className="mt-1 text-sm text-slate-600">Use your admin email and password.</p>
      {params.signedOut ? (
        <Alert tone="success" className="mt-4">
          You are signed out.
        </Alert>
      ) : null}
      {params.error === "SessionRequired" ? (
        <Alert tone="info" className="mt-4">
          Sign in to continue.
        </Alert>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} defaultEmail={email} />
    </>
  );
}
