// The request that carries one event: the body is the event exactly as GET /api/v1/events returns it,
// `webhook-id` its id (receivers dedupe on it: delivery is at least once), signed per Standard Webhooks.
import { signWebhook } from "./sign-webhook";

export interface SigningSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets that sign now: the current one, and the one it replaced during its 24 hours of overlap. */
export function activeSecrets(s: SigningSecrets, now: Date): string[] {
  return s.previousSecret && s.previousSecretExpiresAt && s.previousSecretExpiresAt > now ? [s.secret, s.previousSecret] : [s.secret];
}

export interface BuildWebhookRequestOptions {
  eventId: string;
  body: string;
  secrets: readonly string[];
  now: Date;
}

export function buildWebhookRequest({ eventId, body, secrets, now }: BuildWebhookRequestOptions): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "content-type": "application/json",
    "user-agent": "Roster-Webhooks/1",
    "webhook-id": eventId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook({ id: eventId, timestamp, body, secrets }),
  };
}
