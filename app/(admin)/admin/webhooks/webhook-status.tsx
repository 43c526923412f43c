import { Badge } from "@/components/ui/badge";
import type { WebhookSummary } from "@/lib/webhooks/webhook-summary";

/** Enabled, failing (the head event is being retried) or disabled. */
export function WebhookStatus({ webhook }: { webhook: Pick<WebhookSummary, "enabled" | "failingSince"> }) {
  if (!webhook.enabled) return <Badge tone="gray" dot>Disabled</Badge>;
  if (webhook.failingSince) return <Badge tone="red" dot>Failing</Badge>;
  return <Badge tone="green" dot>Enabled</Badge>;
}
