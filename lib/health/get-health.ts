// GET /api/health: is the database answering, which kind is it, are migrations applied.
import { getDb, getDbKind } from "@/lib/db/client";
import { migrationStatus } from "@/lib/db/migrate";

export interface Health {
  status: "ok" | "degraded" | "unavailable";
  database: { kind: string; reachable: boolean; migrations?: { applied: number; pending: string[] } };
}

export async function getHealth(): Promise<{ httpStatus: number; body: Health }> {
  const kind = getDbKind();
  const db = getDb();
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch {
    return { httpStatus: 503, body: { status: "unavailable", database: { kind, reachable: false } } };
  }
  const status = await migrationStatus((sql) => db.$queryRawUnsafe<{ name: string }[]>(sql), kind);
  const body: Health = {
    status: status.pending.length ? "degraded" : "ok",
    database: { kind, reachable: true, migrations: { applied: status.applied.length, pending: status.pending } },
  };
  return { httpStatus: status.pending.length ? 503 : 200, body };
}
