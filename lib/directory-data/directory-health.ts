// A directory's sync health as consuming applications see it: in GET /api/v1/directories/{id} and in
// the directory.health_changed event. How it is judged: lib/sync-health/judge-health.ts.
import { z } from "zod";
import { directorySchema } from "./directory";
import { isoTimestamp } from "./iso-timestamp";

export const HEALTH_STATES = ["new", "healthy", "degraded", "failing", "silent"] as const;
export const healthStateSchema = z.enum(HEALTH_STATES).meta({
  description:
    "new: never received a provisioning request; healthy; degraded: more than 5% of the last 100 requests failed; failing: half or more of the last 100 requests (or of the current cycle) failed, where Entra ID quarantines an application; silent: an active directory that had cycles has heard nothing for 3 times its usual cadence (2 hours when unknown).",
});
export type HealthState = z.infer<typeof healthStateSchema>;

export const syncCycleSchema = z
  .object({
    id: z.string(),
    startedAt: isoTimestamp,
    endedAt: isoTimestamp.meta({ description: "Its latest request so far." }),
    requests: z.number().int().nonnegative(),
    failures: z.number().int().nonnegative().meta({ description: "Answers of 400, 401, 403 or 5xx (not a 404 for a missing resource or a 409 uniqueness)." }),
    users: z.object({
      created: z.number().int().nonnegative(),
      updated: z.number().int().nonnegative(),
      deactivated: z.number().int().nonnegative(),
      reactivated: z.number().int().nonnegative(),
      deleted: z.number().int().nonnegative(),
    }),
    groups: z.object({ created: z.number().int().nonnegative(), updated: z.number().int().nonnegative(), deleted: z.number().int().nonnegative() }),
    memberships: z.object({ added: z.number().int().nonnegative(), removed: z.number().int().nonnegative() }),
  })
  .meta({ id: "SyncCycle", description: "A burst of provisioning requests, ended by an idle gap (ROSTER_CYCLE_GAP_SECONDS)." });
export type SyncCycleSummary = z.infer<typeof syncCycleSchema>;

export const directoryHealthSchema = z
  .object({
    state: healthStateSchema,
    reason: z.string().meta({ description: "Why, in words." }),
    since: isoTimestamp.meta({ description: "When the directory entered this state (for new: when it was created)." }),
    failureRate: z.number().min(0).max(1).meta({ description: "Share of the last 100 provisioning requests that failed (0 to 1)." }),
    lastRequestAt: isoTimestamp.nullable(),
    lastCycle: syncCycleSchema.nullable(),
    nextCycleExpectedAt: isoTimestamp.nullable().meta({ description: "The latest cycle's start plus the observed cadence; null until two cycles were seen." }),
  })
  .meta({ id: "DirectoryHealth" });
export type DirectoryHealth = z.infer<typeof directoryHealthSchema>;

export const directoryDetailSchema = directorySchema.extend({ health: directoryHealthSchema }).meta({ id: "DirectoryDetail" });
export type DirectoryDetail = z.infer<typeof directoryDetailSchema>;

/** directory.health_changed's `data`. */
export const healthChangedDataSchema = z.object({
  directory: z.object({ id: z.string(), name: z.string() }),
  health: z.object({
    state: healthStateSchema,
    previousState: healthStateSchema,
    reason: z.string(),
    since: isoTimestamp,
    failureRate: z.number().min(0).max(1),
    lastRequestAt: isoTimestamp.nullable(),
  }),
});
export type HealthChangedData = z.infer<typeof healthChangedDataSchema>;
