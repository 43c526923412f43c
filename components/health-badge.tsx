// A directory's sync-health state as a badge, its reason as the tooltip (and for screen readers).
import type { HealthState } from "@/lib/directory-data/directory-health";
import { Badge, type BadgeTone } from "./ui/badge";

const LOOK: Record<HealthState, { tone: BadgeTone; label: string }> = {
  new: { tone: "gray", label: "New" },
  healthy: { tone: "green", label: "Healthy" },
  degraded: { tone: "amber", label: "Degraded" },
  failing: { tone: "red", label: "Failing" },
  silent: { tone: "amber", label: "Silent" },
};

export function HealthBadge({ state, reason }: { state: HealthState; reason?: string }) {
  const look = LOOK[state];
  return (
    <span title={reason} data-testid="health-badge" data-state={state}>
      <Badge tone={look.tone} dot>
        {look.label}
        {reason ? <span className="sr-only">: {reason}</span> : null}
      </Badge>
    </span>
  );
}
