// What every provisioning operation needs: the database, and the directory it is scoped to.
import type { Db, DbKind } from "@/lib/db/client";

export interface ProvisioningContext {
  db: Db;
  dbKind: DbKind;
  /** Tenant scope: every query of every operation is limited to this directory. */
  directoryId: string;
  /** Ties provisioning events to the activity-log row of the request that caused them. */
  requestId?: string;
  /** `<origin>/api/scim/v2`, for meta.location and $ref values. */
  baseUrl: string;
}

/** A bound-parameter placeholder for the dialect: `?` (SQLite) or `$n` (PostgreSQL). */
export function placeholder(ctx: { dbKind: DbKind }, params: unknown[]): string {
  return ctx.dbKind === "sqlite" ? "?" : `$${params.length}`;
}

/** Pushes a value and returns its placeholder. */
export function bind(ctx: { dbKind: DbKind }, params: unknown[], value: unknown): string {
  params.push(value);
  return placeholder(ctx, params);
}
