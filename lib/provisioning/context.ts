// What every provisioning operation needs: the database, and the directory it is scoped to.
import type { Database } from "@/lib/db/client";
import type { EventTally } from "@/lib/events/record-events";

export interface ProvisioningContext {
  db: Database;
  /** Tenant scope: every query of every operation is limited to this directory. */
  directoryId: string;
  /** Ties provisioning events to the activity-log row of the request that caused them. */
  requestId?: string;
  /** The request's committed events by type (lib/events/record-events.ts). */
  committedEvents?: EventTally;
  /** `<origin>/api/scim/v2`, for meta.location and $ref values. */
  baseUrl: string;
}
