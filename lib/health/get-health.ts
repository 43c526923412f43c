// GET /api/health: is the database answering, which kind is it, are migrations applied.
import { getDb } from "@/lib/db/client";
import { migrationStatus } from "@/lib/db/migrate";

export interface Health {
  status: "ok" | "degraded" | "unavailable";
  database: { kind: string; reachable: boolean; migrations?: { applied: number; pending: string[] } };
}

export async function getHealth(): Promise<{ httpStatus: number; body: Health }> {
  const db = getDb();
  const kind = db.kind;
  try {
    await db.sql.query("SELECT 1");
  } catch {
    return { httpStatus: 503, body: { status: "unavailable", database: { kind, reachable: false } } };
  }
  const status = await migrationStatus((sql) => db.sql.query<{ name: string }>(sql), kind);
  const body: Health = {
    status: status.pending.length ? "degraded" : "ok",
    database: { kind, reachable: true, migrations: { applied: status.applied.length, pending: status.pending } },
  };
  return { httpStatus: status.pending.length ? 503 : 200, body };
}
