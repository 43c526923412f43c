// directory.health_changed: written by whoever changes a directory's state, inside the transaction
// that changes it (the activity write, or the silence job), through the one event writer.
import type { Sql } from "@/lib/db/sql";
import { SqlParams } from "@/lib/db/sql";
import type { HealthState } from "@/lib/directory-data/directory-health";
import { recordEvents } from "@/lib/events/record-events";

export interface HealthChange {
  directoryId: string;
  state: HealthState;
  previousState: HealthState;
  reason: string;
  since: Date;
  failureRate: number;
  lastRequestAt: Date | null;
}

export async function recordHealthChange(tx: Sql, change: HealthChange): Promise<void> {
  const p = new SqlParams(tx.kind);
  const [directory] = await tx.query<{ name: string }>(`SELECT "name" FROM "Directory" WHERE "id" = ${p.add(change.directoryId)}`, p.values);
  if (!directory) return;
  await recordEvents(tx, { directoryId: change.directoryId }, [
    {
      type: "directory.health_changed",
      resourceId: change.directoryId,
      data: {
        directory: { id: change.directoryId, name: String(directory.name) },
        health: {
          state: change.state,
          previousState: change.previousState,
          reason: change.reason,
          since: change.since.toISOString(),
          failureRate: change.failureRate,
          lastRequestAt: change.lastRequestAt ? change.lastRequestAt.toISOString() : null,
        },
      },
    },
  ]);
}
