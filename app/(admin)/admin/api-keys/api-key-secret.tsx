"use client";

import { FormMessage, fieldError } from "@/components/form-message";
import { SecretRow, ShownOncePanel } from "@/components/shown-once-secret";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { API_KEY_NAME_MAX } from "@/lib/admin/api-keys/schemas";
import { createApiKeyAction } from "./actions";

/**
 * The create form and, after it succeeded, the new key: held in this browser tab only, so a reload
 * drops it (the key is shown once).
 */
export function CreateApiKeyForm({ directories, openApiUrl }: { directories: { id: string; name: string }[]; openApiUrl: string }) {
  const { state, pending, formProps } = useActionForm(createApiKeyAction, { resetOnSuccess: true });
  const created = state?.ok ? state.data : undefined;
  return (
    <div className="space-y-6">
      <form {...formProps} noValidate className="space-y-4">
        <TextField
          name="name"
          label="Name"
          maxLength={API_KEY_NAME_MAX}
          placeholder="e.g. HR portal (production)"
          hint="The application that will use the key."
          error={fieldError(state, "name")}
        />
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Directories</legend>
          <p className="mt-1 text-xs text-slate-600">Leave all unticked to let the key read every directory, including those created later.</p>
          {directories.length ? (
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {directories.map((d) => (
                <label key={d.id} className="flex min-w-0 items-center gap-2 text-sm text-slate-800">
                  <input type="checkbox" name="directoryIds" value={d.id} className="size-4 rounded border-slate-300" />
                  <span className="truncate">{d.name}</span>
                </label>
              ))}
            </div>
          ) : (
            <p className="mt-2 text-sm text-slate-600">No directories yet.</p>
          )}
          {fieldError(state, "directoryIds") ? <p className="mt-1.5 text-xs font-medium text-red-700">{fieldError(state, "directoryIds")}</p> : null}
        </fieldset>
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create API key
        </SubmitButton>
      </form>
      {state && !state.ok && !state.fieldErrors ? <FormMessage state={state} /> : null}
      {created ? (
        <ShownOncePanel
          label="New API key"
          testId="new-api-key"
          title={`API key created: ${created.name}`}
          description={
            <>
              The application sends it as <code className="font-mono text-[13px]">Authorization: Bearer &lt;key&gt;</code> to /api/v1 (see the{" "}
              <a href={openApiUrl} className="text-indigo-700 underline">
                OpenAPI document
              </a>
              ).
            </>
          }
          secretName="key"
          remedy="If it is lost, create a new key and revoke this one."
        >
          <SecretRow label="API key" value={created.key} testId="new-api-key-value" />
        </ShownOncePanel>
      ) : null}
    </div>
  );
}
