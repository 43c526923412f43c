import type { WebhookSummary } from "./webhook-summary";

/**
 * The URL as the audit log keeps it: without its query string and fragment, where a receiver may
 * expect a token (the signing secret is never in a summary at all).
 */
export function auditedWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "";
  }
}

/** An endpoint's settings as its audit rows show them. */
export function webhookAuditValues(w: Pick<WebhookSummary, "url" | "description" | "directoryIds" | "eventTypes" | "enabled">) {
  return { url: auditedWebhookUrl(w.url), description: w.description, directoryIds: w.directoryIds, eventTypes: w.eventTypes, enabled: w.enabled };
}
