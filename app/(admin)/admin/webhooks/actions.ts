"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { formBoolean, formFields } from "@/lib/admin/form-fields";
import { requireActor } from "@/lib/auth/require-admin";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { describeOutcome } from "@/lib/webhooks/webhook-attempts";
import { replayWebhookEvents } from "@/lib/webhooks/replay-webhook-events";
import { resendWebhookEvent } from "@/lib/webhooks/resend-webhook-event";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";

// Every action: the "Manage user directories" permission, then the lib function (which validates its
// input with the one zod schema in lib/webhooks/schemas.ts), then revalidation of the pages it changes.

export interface WebhookSecretResult {
  id: string;
  url: string;
  secret: string;
}

const revalidate = (webhookId?: string) => {
  revalidatePath("/admin/webhooks");
  if (webhookId) revalidatePath(`/admin/webhooks/${webhookId}`);
};

/** Creates an endpoint; its secret goes to this browser tab only (shown once). */
export async function createWebhookAction(_prev: ActionState<WebhookSecretResult>, formData: FormData): Promise<ActionResult<WebhookSecretResult>> {
  return runAction<WebhookSecretResult>(async () => {
    const actor = await requireActor("manageDirectories");
    const { url, description } = formFields(formData, ["url", "description"]);
    const strings = (name: string) => formData.getAll(name).filter((v): v is string => typeof v === "string");
    const { webhook, secret } = await createWebhook({ url: url ?? "", description: description ?? "", directoryIds: strings("directoryIds"), eventTypes: strings("eventTypes"), actor });
    revalidate();
    return { ok: true, message: "Webhook created.", data: { id: webhook.id, url: webhook.url, secret } };
  });
}

export async function rotateWebhookSecretAction(_prev: ActionState<WebhookSecretResult>, formData: FormData): Promise<ActionResult<WebhookSecretResult>> {
  return runAction<WebhookSecretResult>(async () => {
    const actor = await requireActor("manageDirectories");
    const { webhookId } = formFields(formData, ["webhookId"]);
    const { secret, previousSecretExpiresAt } = await rotateWebhookSecret({ webhookId: webhookId ?? "", actor });
    revalidate(webhookId);
    return { ok: true, message: `New secret made; the old one also signs until ${previousSecretExpiresAt.toISOString()}.`, data: { id: webhookId ?? "", url: "", secret } };
  });
}

export async function setWebhookEnabledAction(_prev: ActionState<undefined>, formData: FormData): Promise<ActionResult<undefined>> {
  return runAction<undefined>(async () => {
    const actor = await requireActor("manageDirectories");
    const fields = formFields(formData, ["webhookId", "enabled"]);
    const w = await setWebhookEnabled({ webhookId: fields.webhookId ?? "", enabled: formBoolean(fields, "enabled"), actor });
    revalidate(w.id);
    return { ok: true, message: w.enabled ? "Webhook enabled: delivery resumes where it stopped." : "Webhook disabled." };
  });
}

export async function deleteWebhookAction(_prev: ActionState<undefined>, formData: FormData): Promise<ActionResult<undefined>> {
  return runAction<undefined>(async () => {
    const actor = await requireActor("manageDirectories");
    const { webhookId } = formFields(formData, ["webhookId"]);
    await deleteWebhook({ webhookId: webhookId ?? "", actor });
    revalidate();
    return { ok: true, message: "Webhook deleted." };
  });
}

export async function sendTestWebhookAction(_prev: ActionState<undefined>, formData: FormData): Promise<ActionResult<undefined>> {
  return runAction<undefined>(async () => {
    await requireActor("manageDirectories");
    const { webhookId } = formFields(formData, ["webhookId"]);
    const result = await sendTestWebhook({ webhookId: webhookId ?? "" });
    revalidate(webhookId);
    return result.ok ? { ok: true, message: `Test event delivered (${describeOutcome(result)}, ${result.latencyMs} ms).` } : { ok: false, error: `Test event not delivered: ${describeOutcome(result)}.` };
  });
}

export async function resendWebhookEventAction(_prev: ActionState<undefined>, formData: FormData): Promise<ActionResult<undefined>> {
  return runAction<undefined>(async () => {
    await requireActor("manageDirectories");
    const { webhookId, eventId } = formFields(formData, ["webhookId", "eventId"]);
    const result = await resendWebhookEvent({ webhookId: webhookId ?? "", eventId: eventId ?? "" });
    revalidate(webhookId);
    return result.ok ? { ok: true, message: `Event resent (${describeOutcome(result)}).` } : { ok: false, error: `Event not delivered: ${describeOutcome(result)}.` };
  });
}

export async function replayWebhookAction(_prev: ActionState<undefined>, formData: FormData): Promise<ActionResult<undefined>> {
  return runAction<undefined>(async () => {
    const actor = await requireActor("manageDirectories");
    const { webhookId, since, timezoneOffset } = formFields(formData, ["webhookId", "since", "timezoneOffset"]);
    // <input type="datetime-local"> has no zone: the browser sends its offset beside it.
    const offset = Number(timezoneOffset ?? 0) || 0;
    const at = since ? new Date(new Date(`${since}Z`).getTime() + offset * 60_000) : "";
    await replayWebhookEvents({ webhookId: webhookId ?? "", since: at, actor });
    revalidate(webhookId);
    return { ok: true, message: "Replay scheduled: the events since then are being delivered again, in order." };
  });
}
