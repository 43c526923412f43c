"use client";

import { signIn } from "next-auth/react";
import { useEffect, useRef } from "react";
import { useActionForm } from "@/components/use-action-form";
import { FormMessage, fieldError } from "@/components/form-message";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { createOwnerAction } from "./actions";

export function SetupForm() {
  const password = useRef("");
  const { state, pending, formProps } = useActionForm(createOwnerAction, {
    onBeforeSubmit: (formData) => (password.current = String(formData.get("password") ?? "")),
  });

  // Signed in straight away with the password just chosen (it never leaves this page otherwise).
  useEffect(() => {
    if (!state?.ok || !state.data) return;
    void signIn("credentials", { redirect: false, email: state.data.email, password: password.current }).then((res) => {
      window.location.assign(res?.ok ? "/admin/directories" : `/signin?email=${encodeURIComponent(state.data!.email)}`);
    });
  }, [state]);
  const signingIn = Boolean(state?.ok);

  return (
    <form {...formProps} noValidate className="mt-6 space-y-4">
      <FormMessage state={state && !state.ok ? state : null} />
      {signingIn ? <p className="text-sm text-slate-600" role="status">Owner created. Signing you in…</p> : null}
      <TextField name="email" label="Email" type="email" autoComplete="username" required autoFocus error={fieldError(state, "email")} />
      <TextField name="name" label="Name" autoComplete="name" optional error={fieldError(state, "name")} />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        hint="At least 12 characters."
        error={fieldError(state, "password")}
      />
      <TextField name="confirmPassword" label="Confirm password" type="password" autoComplete="new-password" required error={fieldError(state, "confirmPassword")} />
      <SubmitButton className="w-full" pendingLabel="Creating…" pending={pending} disabled={signingIn}>
        Create owner and sign in
      </SubmitButton>
    </form>
  );
}
