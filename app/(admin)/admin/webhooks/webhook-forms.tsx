"use client";

import { FormMessage, fieldError } from "@/components/form-message";
import { SecretRow, ShownOncePanel } from "@/components/shown-once-secret";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { WEBHOOK_DESCRIPTION_MAX, WEBHOOK_URL_MAX } from "@/lib/webhooks/schemas";
import { createWebhookAction, replayWebhookAction, resendWebhookEventAction, rotateWebhookSecretAction } from "./actions";

/** The create form and, after it succeeded, the secret: held in this browser tab only (shown once). */
export function CreateWebhookForm({ directories, eventTypes }: { directories: { id: string; name: string }[]; eventTypes: string[] }) {
  const { state, pending, formProps } = useActionForm(createWebhookAction, { resetOnSuccess: true });
  const created = state?.ok ? state.data : undefined;
  return (
    <div className="space-y-6">
      <form {...formProps} noValidate className="space-y-4">
        <TextField name="url" label="URL" type="url" maxLength={WEBHOOK_URL_MAX} placeholder="https://app.example.com/webhooks/roster" hint="Events are POSTed here, signed (Standard Webhooks)." error={fieldError(state, "url")} />
        <TextField name="description" label="Description" optional maxLength={WEBHOOK_DESCRIPTION_MAX} placeholder="e.g. HR portal (production)" error={fieldError(state, "description")} />
        <Checkboxes legend="Directories" hint="None ticked: every directory, including those created later." name="directoryIds" options={directories.map((d) => ({ value: d.id, label: d.name }))} error={fieldError(state, "directoryIds")} />
        <Checkboxes legend="Event types" hint="None ticked: every event type." name="eventTypes" options={eventTypes.map((t) => ({ value: t, label: t }))} error={fieldError(state, "eventTypes")} mono />
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create webhook
        </SubmitButton>
      </form>
      {state && !state.ok && !state.fieldErrors ? <FormMessage state={state} /> : null}
      {created ? <SecretPanel title={`Webhook created: ${created.url}`} secret={created.secret} /> : null}
    </div>
  );
}

function Checkboxes({ legend, hint, name, options, error, mono }: { legend: string; hint: string; name: string; options: { value: string; label: string }[]; error?: string; mono?: boolean }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p className="mt-1 text-xs text-slate-600">{hint}</p>
      {options.length ? (
        <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {options.map((o) => (
            <label key={o.value} className="flex min-w-0 items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name={name} value={o.value} className="size-4 rounded border-slate-300" />
              <span className={mono ? "truncate font-mono text-xs" : "truncate"}>{o.label}</span>
            </label>
          ))}
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-600">None yet.</p>
      )}
      {error ? <p className="mt-1.5 text-xs font-medium text-red-700">{error}</p> : null}
    </fieldset>
  );
}

function SecretPanel({ title, secret }: { title: string; secret: string }) {
  return (
    <ShownOncePanel
      label="Webhook signing secret"
      testId="new-webhook-secret"
      title={title}
      description="Give it to the receiver: any Standard Webhooks library verifies the webhook-signature header with it."
      secretName="secret"
      remedy="If it is lost, rotate the secret (the old one keeps signing for 24 hours)."
      storage="Roster keeps it only to sign requests"
    >
      <SecretRow label="Signing secret" value={secret} testId="new-webhook-secret-value" />
    </ShownOncePanel>
  );
}

export function RotateSecretForm({ webhookId }: { webhookId: string }) {
  const { state, pending, formProps } = useActionForm(rotateWebhookSecretAction);
  return (
    <div className="space-y-3">
      <form {...formProps}>
        <input type="hidden" name="webhookId" value={webhookId} />
        <SubmitButton variant="secondary" size="sm" pending={pending} pendingLabel="Rotating…">
          Rotate secret
        </SubmitButton>
      </form>
      {state && !state.ok ? <FormMessage state={state} /> : null}
      {state?.ok && state.data ? <SecretPanel title="New signing secret" secret={state.data.secret} /> : null}
      {state?.ok && state.message ? <p className="text-xs text-slate-600">{state.message}</p> : null}
    </div>
  );
}

export function ResendEventForm({ webhookId }: { webhookId: string }) {
  const { state, pending, formProps } = useActionForm(resendWebhookEventAction);
  return (
    <form {...formProps} noValidate className="space-y-3">
      <input type="hidden" name="webhookId" value={webhookId} />
      <TextField name="eventId" label="Event id" placeholder="from the delivery log or the Events tab" error={fieldError(state, "eventId")} />
      <SubmitButton variant="secondary" size="sm" pending={pending} pendingLabel="Sending…">
        Resend event
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function ReplayForm({ webhookId }: { webhookId: string }) {
  const { state, pending, formProps } = useActionForm(replayWebhookAction, {
    onBeforeSubmit: (formData) => formData.set("timezoneOffset", String(new Date().getTimezoneOffset())),
  });
  return (
    <form {...formProps} noValidate className="space-y-3">
      <input type="hidden" name="webhookId" value={webhookId} />
      <TextField name="since" label="Replay every event since" type="datetime-local" error={fieldError(state, "since")} />
      <SubmitButton variant="secondary" size="sm" pending={pending} pendingLabel="Scheduling…">
        Replay
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
