"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Incorrect email or password.",
  throttled: "Too many failed attempts for this email. Wait 15 minutes and try again.",
  password_signin_off: "Password sign-in is turned off: use single sign-on.",
};

export function SignInForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl,
      });
      if (!result || result.error || !result.ok) {
        setError(MESSAGES[result?.error ?? ""] ?? "Sign-in failed. Try again.");
        setPending(false);
        return;
      }
      window.location.assign(callbackUrl);
    } catch {
      setError("Roster could not be reached. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate={false}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TextField name="email" label="Email" type="email" autoComplete="username" required defaultValue={defaultEmail} autoFocus={!defaultEmail} />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required autoFocus={Boolean(defaultEmail)} />
      <button type="submit" disabled={pending} className={buttonClasses("primary", "md", "w-full")}>
        {pending ? <Spinner /> : null}
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
