"use client";

import { FormMessage, fieldError } from "@/components/form-message";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { DIRECTORY_NAME_MAX } from "@/lib/admin/directories/schemas";
import { addProfileFieldAction, renameDirectoryAction, setDeprovisionPolicyAction } from "./actions";

export function RenameForm({ directoryId, name, disabled }: { directoryId: string; name: string; disabled: boolean }) {
  const { state, pending, formProps } = useActionForm(renameDirectoryAction);
  return (
    <form {...formProps} noValidate>
      <fieldset disabled={disabled} className="space-y-4">
        <input type="hidden" name="directoryId" value={directoryId} />
        <TextField name="name" label="Name" defaultValue={name} required maxLength={DIRECTORY_NAME_MAX} error={fieldError(state, "name")} />
        <div className="flex items-center justify-end gap-3">
          <FormMessage state={state} className="flex-1" />
          <SubmitButton pending={pending} pendingLabel="Saving…">
            Save name
          </SubmitButton>
        </div>
      </fieldset>
    </form>
  );
}

const POLICIES = [
  {
    value: "erase",
    title: "Erase",
    text: "A SCIM DELETE removes the user from Roster: the record, its emails and its group memberships. Nothing is kept.",
  },
  {
    value: "retain",
    title: "Retain (deactivate)",
    text: "A SCIM DELETE deactivates the user and hides it from SCIM (the identity provider sees it as deleted and may provision the same userName again), but Roster keeps the record for audit.",
  },
] as const;

export function DeprovisionPolicyForm({ directoryId, policy, disabled }: { directoryId: string; policy: string; disabled: boolean }) {
  const { state, pending, formProps } = useActionForm(setDeprovisionPolicyAction);
  return (
    <form {...formProps}>
      <fieldset disabled={disabled}>
        <legend className="sr-only">Deprovision policy</legend>
        <input type="hidden" name="directoryId" value={directoryId} />
        <div className="space-y-3">
          {POLICIES.map((p) => (
            <label key={p.value} className="flex cursor-pointer items-start gap-3 rounded-md p-3 ring-1 ring-slate-200 has-[:checked]:bg-indigo-50/50 has-[:checked]:ring-2 has-[:checked]:ring-indigo-600">
              <input type="radio" name="deprovisionPolicy" value={p.value} defaultChecked={policy === p.value} className="mt-0.5 size-4 accent-indigo-600" />
              <span>
                <span className="block text-sm font-medium text-slate-900">{p.title}</span>
                <span className="block text-xs text-slate-600">{p.text}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldError(state, "deprovisionPolicy") ? <p className="mt-2 text-xs font-medium text-red-700">{fieldError(state, "deprovisionPolicy")}</p> : null}
        <p className="mt-3 text-xs text-slate-600">
          Entra ID usually deactivates a user first (active = false) and sends DELETE only later, e.g. when the user is deleted in Entra ID or leaves the app’s scope.
        </p>
        <div className="mt-4 flex items-center justify-end gap-3">
          <FormMessage state={state} className="flex-1" />
          <SubmitButton pending={pending} pendingLabel="Saving…">
            Save policy
          </SubmitButton>
        </div>
      </fieldset>
    </form>
  );
}

export function AddProfileFieldForm({ directoryId }: { directoryId: string }) {
  const { state, pending, formProps } = useActionForm(addProfileFieldAction, { resetOnSuccess: true });
  return (
    <form {...formProps} noValidate className="space-y-3">
      <input type="hidden" name="directoryId" value={directoryId} />
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
        <div>
          <label htmlFor="field-profile-name" className="block text-sm font-medium text-slate-800">
            Field name
          </label>
          <div className="mt-1.5 flex rounded-md shadow-sm ring-1 ring-inset ring-slate-300 focus-within:ring-2 focus-within:ring-indigo-600 has-[[aria-invalid=true]]:ring-red-500">
            <span className="flex select-none items-center rounded-l-md bg-slate-50 pl-3 pr-1 font-mono text-[13px] text-slate-600">profileField_</span>
            <input
              id="field-profile-name"
              name="name"
              placeholder="costCenter"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={fieldError(state, "name") ? true : undefined}
              aria-describedby={fieldError(state, "name") ? "field-profile-name-error" : undefined}
              className="block min-w-0 flex-1 rounded-r-md border-0 bg-transparent px-2 py-2 font-mono text-[13px] text-slate-900 focus:outline-none focus-visible:outline-none"
            />
          </div>
          {fieldError(state, "name") ? (
            <p id="field-profile-name-error" className="mt-1.5 text-xs font-medium text-red-700">
              {fieldError(state, "name")}
            </p>
          ) : null}
        </div>
        <TextField name="label" id="field-profile-label" label="Label" optional placeholder="Cost center" error={fieldError(state, "label")} />
        <SubmitButton pending={pending} pendingLabel="Adding…" variant="secondary" className="sm:mt-7">
          Add field
        </SubmitButton>
      </div>
      <FormMessage state={state && !state.ok && !state.fieldErrors ? state : null} />
    </form>
  );
}
