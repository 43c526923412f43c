"use client";

import { createContext, useContext } from "react";
import { FormMessage, fieldError } from "@/components/form-message";
import { SecretRow, ShownOncePanel } from "@/components/shown-once-secret";
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
  if (!state) return null;
  if (!state.ok) return state.fieldErrors ? null : <FormMessage state={state} />;
  const created = state.data;
  if (!created) return null;
  return (
    <ShownOncePanel
      label="New API client credentials"
      testId="new-client-secret"
      title={`API client created${created.apiClient.label ? `: ${created.apiClient.label}` : ""}`}
      description="Enter both values in Entra ID → Provisioning → Admin Credentials."
      secretName="client secret"
      remedy="If it is lost, create a new client and revoke this one."
    >
      <SecretRow label="Client Identifier" value={created.apiClient.clientId} testId="new-client-id" />
      <SecretRow label="Client Secret" value={created.clientSecret} testId="new-client-secret-value" />
      {created.replaces ? (
        <Alert tone="info" title="Finish the rotation">
          In Entra ID, replace the credentials with these, press Test Connection and Save. Once requests succeed with the new client, revoke{" "}
          <code className="break-all font-mono">{created.replaces.clientId}</code> below.
        </Alert>
      ) : null}
    </ShownOncePanel>
  );
}
