import type { Resolver } from "./destination";
import { postWebhook, type PostWebhookResult } from "./post-webhook";
import { activeSecrets, buildWebhookRequest, type SigningSecrets } from "./webhook-request";

export interface SendWebhookEventOptions {
  endpoint: SigningSecrets & { url: string };
  eventId: string;
  /** The event's JSON, exactly as the feed returns it. */
  body: string;
  now?: Date;
  resolve?: Resolver;
  timeoutMs?: number;
}

/** Signs one event with the endpoint's secrets and posts it. */
export function sendWebhookEvent({ endpoint, eventId, body, now = new Date(), resolve, timeoutMs }: SendWebhookEventOptions): Promise<PostWebhookResult> {
  const headers = buildWebhookRequest({ eventId, body, secrets: activeSecrets(endpoint, now), now });
  return postWebhook({ url: endpoint.url, headers, body, resolve, timeoutMs });
}
