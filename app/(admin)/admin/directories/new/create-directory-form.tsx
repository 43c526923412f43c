"use client";

import { FormMessage, fieldError } from "@/components/form-message";
import { ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Toggle } from "@/components/ui/toggle";
import { useActionForm } from "@/components/use-action-form";
import { DIRECTORY_NAME_MAX } from "@/lib/admin/directories/schemas";
import { createDirectoryAction } from "./actions";

export function CreateDirectoryForm() {
  const { state, pending, formProps } = useActionForm(createDirectoryAction);
  return (
    <form {...formProps} className="space-y-6 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" noValidate>
      <FormMessage state={state && !state.ok ? state : null} />
      <TextField
        name="name"
        label="Name"
        required
        maxLength={DIRECTORY_NAME_MAX}
        placeholder="e.g. Contoso — Entra ID"
        hint="Shown to admins only. You can rename it later."
        error={fieldError(state, "name")}
        autoFocus
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Type</legend>
        <label className="mt-1.5 flex cursor-pointer items-start gap-3 rounded-md p-3 ring-2 ring-indigo-600">
          <input type="radio" name="type" value="scim" defaultChecked className="mt-0.5 size-4 accent-indigo-600" />
          <span>
            <span className="block text-sm font-medium text-slate-900">SCIM 2.0</span>
            <span className="block text-xs text-slate-600">
              For Microsoft Entra ID (and any SCIM 2.0 client): the identity provider pushes users and groups to Roster.
            </span>
          </span>
        </label>
        {fieldError(state, "type") ? <p className="mt-1.5 text-xs font-medium text-red-700">{fieldError(state, "type")}</p> : null}
      </fieldset>
      <Toggle
        name="active"
        label="Active"
        description="Roster answers SCIM requests only for an active directory. You can activate it later, once the identity provider is set up."
      />
      <div className="flex items-center justify-end gap-2 border-t border-slate-100 pt-5">
        <ButtonLink href="/admin/directories" variant="secondary">
          Cancel
        </ButtonLink>
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create directory
        </SubmitButton>
      </div>
    </form>
  );
}
