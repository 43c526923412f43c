// Standard Webhooks signatures (https://www.standardwebhooks.com): the secret is `whsec_` + base64 of
// the key; the signature is `v1,` + base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>".
// Several signatures are separated by spaces (a rotated secret signs beside the new one for 24 h), and
// a receiver accepts the message when any one verifies.
import { createHmac, randomBytes } from "node:crypto";

const PREFIX = "whsec_";

/** A new secret: 256 random bits. */
export function newWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

export interface SignWebhookOptions {
  id: string;
  /** Seconds since the epoch, as sent in webhook-timestamp. */
  timestamp: number;
  body: string;
  secrets: readonly string[];
}

/** The webhook-signature header's value. */
export function signWebhook({ id, timestamp, body, secrets }: SignWebhookOptions): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
      return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
    })
    .join(" ");
}
