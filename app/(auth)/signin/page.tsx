import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { hasAnyAdmin } from "@/lib/auth/create-admin";
import { getCurrentAdmin } from "@/lib/auth/require-admin";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { settings } from "@/lib/settings";
import { SignInForm } from "./sign-in-form";
import { SsoButtons } from "./sso-buttons";

const SSO_ERRORS: Record<string, string> = {
  SsoNotAllowed: "Your account is not an admin of this Roster, and its email domain is not admitted. Ask an owner to add you.",
  SsoNoVerifiedEmail: "Your identity provider did not vouch for an email address (or it is not from the configured tenant), so Roster cannot tell who you are.",
  OAuthCallback: "Single sign-on failed: the answer from the identity provider could not be verified. Try again.",
  OAuthSignin: "Single sign-on could not start. Try again; if it keeps failing, check the server logs.",
  password_signin_off: "Password sign-in is turned off: use single sign-on.",
};

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  await getAuthOptions(); // creates the owner from ROSTER_ADMIN_EMAIL first, when configured
  if (!(await hasAnyAdmin())) redirect("/setup");
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentAdmin()) redirect(callbackUrl);
  const email = typeof params.email === "string" ? params.email : "";
  const { sso, auth } = settings();
  const providers = [...(sso.oidc ? [{ id: "oidc", name: sso.oidc.name }] : []), ...(sso.entra ? [{ id: "azure-ad", name: "Microsoft Entra ID" }] : [])];
  const error = typeof params.error === "string" ? SSO_ERRORS[params.error] : undefined;
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Sign in to Roster</h1>
      <p className="mt-1 text-sm text-slate-600">{auth.passwordSignIn ? "Use your admin email and password." : "Sign in with your organisation's account."}</p>
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
      {error ? (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      ) : null}
      {providers.length ? <SsoButtons providers={providers} callbackUrl={callbackUrl} /> : null}
      {auth.passwordSignIn ? (
        <SignInForm callbackUrl={callbackUrl} defaultEmail={email} />
      ) : auth.breakGlassEmail ? (
        <details className="mt-6 text-sm text-slate-600">
          <summary className="cursor-pointer">Break-glass owner sign-in</summary>
          <SignInForm callbackUrl={callbackUrl} defaultEmail={email} />
        </details>
      ) : null}
    </>
  );
}
