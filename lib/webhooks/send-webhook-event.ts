import { observeWebhookAttempt } from "@/lib/metrics/metrics";
import type { Resolver } from "./destination";
import { postWebhook, type PostWebhookResult } from "./post-webhook";
import { succeeded, type WebhookAttemptRecord } from "./webhook-attempts";
import { activeSecrets, buildWebhookRequest, type SigningSecrets } from "./webhook-request";

export interface SendWebhookEventOptions {
  endpoint: SigningSecrets & { url: string };
  eventId: string;
  /** The event's JSON, exactly as the feed returns it. */
  body: string;
  /** What sends it, as the delivery log and the metrics name it. */
  kind: WebhookAttemptRecord["kind"];
  now?: Date;
  resolve?: Resolver;
  timeoutMs?: number;
}

/** Signs one event with the endpoint's secrets, posts it and counts the attempt in the metrics. */
export async function sendWebhookEvent({ endpoint, eventId, body, kind, now = new Date(), resolve, timeoutMs }: SendWebhookEventOptions): Promise<PostWebhookResult> {
  const headers = buildWebhookRequest({ eventId, body, secrets: activeSecrets(endpoint, now), now });
  const result = await postWebhook({ url: endpoint.url, headers, body, resolve, timeoutMs });
  observeWebhookAttempt(kind, succeeded(result), result.latencyMs);
  return result;
}
