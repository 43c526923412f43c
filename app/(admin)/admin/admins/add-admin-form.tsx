"use client";

import { FormMessage, fieldError } from "@/components/form-message";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
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
      <SelectField
        name="role"
        label="Role"
        defaultValue="viewer"
        hint="Viewer: reads everything, changes nothing. Directory manager: “Manage user directories” (directories, API clients, API keys). Owner: also admins and the audit log."
        error={fieldError(state, "role")}
      >
        <option value="viewer">Viewer (read-only)</option>
        <option value="directoryManager">Directory manager</option>
        <option value="owner">Owner</option>
      </SelectField>
      <div className="flex justify-end">
        <SubmitButton pending={pending} pendingLabel="Adding…">
          Add admin
        </SubmitButton>
      </div>
    </form>
  );
}
