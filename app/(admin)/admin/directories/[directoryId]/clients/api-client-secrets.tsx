"use client";

import { createContext, useContext, useRef } from "react";
import { CopyButton } from "@/components/copy-button";
import { FormMessage, fieldError } from "@/components/form-message";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { CreatedApiClient } from "@/lib/admin/api-clients/create-api-client";
import { API_CLIENT_LABEL_MAX } from "@/lib/admin/api-clients/schemas";
import { createApiClientAction } from "./actions";

type Form = ReturnType<typeof useActionForm<CreatedApiClient>>;

const CreateClientContext = createContext<Form | null>(null);

function useCreateClient(): Form {
  const value = useContext(CreateClientContext);
  if (!value) throw new Error("ApiClientSecrets provider missing");
  return value;
}

/**
 * Holds the result of creating a client (its secret) in this browser tab only. Reloading the page
 * drops it: the secret is shown once.
 */
export function ApiClientSecrets({ children }: { children: React.ReactNode }) {
  const form = useActionForm(createApiClientAction, { resetOnSuccess: true });
  return <CreateClientContext.Provider value={form}>{children}</CreateClientContext.Provider>;
}

export function CreateApiClientForm({ directoryId }: { directoryId: string }) {
  const { state, pending, formProps } = useCreateClient();
  return (
    <form {...formProps} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <input type="hidden" name="directoryId" value={directoryId} />
      <TextField
        name="label"
        label="Label"
        optional
        maxLength={API_CLIENT_LABEL_MAX}
        placeholder="e.g. Entra ID production"
        error={fieldError(state, "label")}
        fieldClassName="min-w-0 flex-1"
      />
      <SubmitButton pending={pending} pendingLabel="Creating…">
        Create API client
      </SubmitButton>
    </form>
  );
}

export function RotateApiClientButton({ directoryId, apiClientId, label, clientId }: { directoryId: string; apiClientId: string; label: string; clientId: string }) {
  const { pending, formProps } = useCreateClient();
  return (
    <form {...formProps} className="inline">
      <input type="hidden" name="directoryId" value={directoryId} />
      <input type="hidden" name="label" value={label} />
      <input type="hidden" name="rotatesApiClientId" value={apiClientId} />
      <button type="submit" disabled={pending} className={buttonClasses("ghost", "sm")} aria-label={`Rotate ${clientId}: create a replacement client`}>
        Rotate
      </button>
    </form>
  );
}

/** The secret of the client just created, once, with a warning; or the creation error. */
export function NewClientSecret() {
  const { state } = useCreateClient();
  const panelRef = useRef<HTMLDivElement>(null);
  if (!state) return null;
  if (!state.ok) return state.fieldErrors ? null : <FormMessage state={state} />;
  const created = state.data;
  if (!created) return null;
  return (
    <div
      ref={panelRef}
      role="region"
      aria-label="New API client credentials"
      data-testid="new-client-secret"
      className="rounded-lg bg-white p-5 shadow-sm ring-2 ring-emerald-500"
    >
      <div className="flex items-start gap-3">
        <span className="grid size-8 shrink-0 place-items-center rounded-full bg-emerald-100 text-emerald-700" aria-hidden="true">
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
          </svg>
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-slate-900">API client created{created.apiClient.label ? `: ${created.apiClient.label}` : ""}</h2>
          <p className="mt-0.5 text-sm text-slate-600">Enter both values in Entra ID → Provisioning → Admin Credentials.</p>
        </div>
      </div>
      <Alert tone="warning" className="mt-4" title="Copy the client secret now">
        Roster stores only a hash of it and will never show it again — not after a reload, not to any admin. If it is lost, create a new client and revoke this one.
      </Alert>
      <div className="mt-4 space-y-3">
        <SecretRow label="Client Identifier" value={created.apiClient.clientId} testId="new-client-id" />
        <SecretRow label="Client Secret" value={created.clientSecret} testId="new-client-secret-value" />
      </div>
      {created.replaces ? (
        <Alert tone="info" className="mt-4" title="Finish the rotation">
          In Entra ID, replace the credentials with these, press Test Connection and Save. Once requests succeed with the new client, revoke{" "}
          <code className="break-all font-mono">{created.replaces.clientId}</code> below.
        </Alert>
      ) : null}
    </div>
  );
}

function SecretRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</div>
      <div className="mt-1 flex items-center gap-2">
        <code data-testid={testId} className="min-w-0 flex-1 break-all rounded-md bg-slate-50 px-3 py-2 font-mono text-[13px] text-slate-900 ring-1 ring-inset ring-slate-200">
          {value}
        </code>
        <CopyButton value={value} what={label} />
      </div>
    </div>
  );
}
