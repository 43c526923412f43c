// `silent`: an active directory that had cycles and has heard nothing from its identity provider for 3
// times its observed cadence (2 hours while the cadence is unknown). No request marks that, so the
// "sync-silence" job (./sync-silence-job.ts) looks once a minute; `now` is the clock the tests move.
// A request ends the silence in the activity write (./record-sync-health.ts).
import { getDb, type Database } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { SqlParams } from "@/lib/db/sql";
import { settings } from "@/lib/settings";
import { formatDuration } from "./format-duration";
import { lockHealthRow, saveHealthRow, toDate } from "./health-row";
import { failureRate } from "./judge-health";
import { recordHealthChange } from "./record-health-change";

export const SILENCE_CADENCES = 3;
export const SILENCE_WITHOUT_CADENCE_MS = 2 * 3600_000;
/** Directories examined per pass. */
const BATCH = 500;

export interface DetectSilenceOptions {
  db?: Database;
  now?: Date;
}

export interface DetectSilenceResult {
  silenced: string[];
  more: boolean;
}

export function silenceAfterMs(cadenceSeconds: number | null): number {
  return cadenceSeconds ? SILENCE_CADENCES * cadenceSeconds * 1000 : SILENCE_WITHOUT_CADENCE_MS;
}

export async function detectSilence({ db = getDb(), now = new Date() }: DetectSilenceOptions = {}): Promise<DetectSilenceResult> {
  // A cycle starts only after an idle gap, so no cadence is shorter than the gap: nothing heard from
  // more recently than 3 gaps ago can be silent yet.
  const earliest = new Date(now.getTime() - SILENCE_CADENCES * settings().syncHealth.cycleGapSeconds * 1000);
  const p = new SqlParams(db.kind);
  const candidates = await db.sql.query<{ directoryId: string; lastRequestAt: unknown; cadenceSeconds: number | null }>(
    `SELECT h."directoryId", h."lastRequestAt", h."cadenceSeconds" FROM "SyncHealth" h JOIN "Directory" d ON d."id" = h."directoryId"
      WHERE d."active" = ${p.bool(true)} AND h."state" IN ('healthy', 'degraded', 'failing') AND h."cycleId" IS NOT NULL AND h."lastRequestAt" < ${p.add(earliest)}
      ORDER BY h."lastRequestAt" LIMIT ${p.add(BATCH)}`,
    p.values,
  );
  const silenced: string[] = [];
  for (const candidate of candidates) {
    const cadence = candidate.cadenceSeconds === null ? null : Number(candidate.cadenceSeconds);
    if (now.getTime() - toDate(candidate.lastRequestAt).getTime() <= silenceAfterMs(cadence)) continue;
    const changed = await inTransaction(db, async (tx) => {
      // Again under the lock: a request may have arrived since the candidates were read.
      const health = await lockHealthRow(tx, candidate.directoryId);
      if (!health?.lastRequestAt || health.state === "silent" || health.state === "new") return false;
      const quiet = now.getTime() - health.lastRequestAt.getTime();
      if (quiet <= silenceAfterMs(health.cadenceSeconds)) return false;
      const previousState = health.state;
      const usual = health.cadenceSeconds ? `cycles usually start every ${formatDuration(health.cadenceSeconds * 1000)}` : "no cadence observed yet, so 2 h is the limit";
      health.state = "silent";
      health.reason = `No provisioning request for ${formatDuration(quiet)}; ${usual} (was ${previousState}: ${health.reason})`;
      health.since = now;
      await saveHealthRow(tx, health, now);
      await recordHealthChange(tx, { ...health, previousState, failureRate: failureRate(health.recent) });
      return true;
    });
    if (changed) silenced.push(candidate.directoryId);
  }
  return { silenced, more: candidates.length === BATCH && silenced.length > 0 };
}
