import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import type { WebhookSummary } from "@/lib/webhooks/webhook-summary";

/** The failing or disabled webhooks that receive this directory's events (nothing when all are well). */
export function WebhookProblems({ webhooks }: { webhooks: WebhookSummary[] }) {
  if (!webhooks.length) return null;
  return (
    <Alert tone="error" title={`${webhooks.length} webhook${webhooks.length === 1 ? "" : "s"} receiving this directory’s events ${webhooks.length === 1 ? "is" : "are"} not delivering`}>
      <ul className="mt-1 space-y-1" data-testid="webhook-problems">
        {webhooks.map((w) => (
          <li key={w.id}>
            <Link href={`/admin/webhooks/${w.id}`} className="font-medium underline">
              {w.url}
            </Link>
            {": "}
            {w.enabled ? (
              <>
                failing since <RelativeTime date={w.failingSince} /> ({w.headAttempts} attempt{w.headAttempts === 1 ? "" : "s"})
              </>
            ) : (
              (w.disabledReason ?? "disabled")
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
