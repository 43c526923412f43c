"use client";

import { FormMessage, fieldError } from "@/components/form-message";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Toggle } from "@/components/ui/toggle";
import { useActionForm } from "@/components/use-action-form";
import { addAdminAction } from "./actions";

export function AddAdminForm() {
  const { state, pending, formProps } = useActionForm(addAdminAction, { resetOnSuccess: true });
  return (
    <form {...formProps} noValidate className="space-y-4">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="email" label="Email" type="email" autoComplete="off" required error={fieldError(state, "email")} />
        <TextField name="name" label="Name" optional autoComplete="off" error={fieldError(state, "name")} />
      </div>
      <TextField
        name="password"
        label="Initial password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters. Give it to the admin through a secure channel."
        error={fieldError(state, "password")}
      />
      <Toggle
        name="canManageDirectories"
        label="Manage user directories"
        description="Create, change and delete directories and their API clients, and see client secrets when they are created. Without it the admin can only read."
      />
      <div className="flex justify-end">
        <SubmitButton pending={pending} pendingLabel="Adding…">
          Add admin
        </SubmitButton>
      </div>
    </form>
  );
}
