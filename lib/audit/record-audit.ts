// The one writer of the admin audit log. Called with the change's own transaction (a Prisma one, or the
// plain-SQL one of the operations that also record events), so the row exists exactly when the change does. before/after are summaries of the target (names, flags, ids), never a
// secret: a key that names one is refused outright, so a careless caller fails its tests instead of
// leaking a credential into a log that owners export.
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { insertInto, SqlParams, type Sql } from "@/lib/db/sql";
import { actorColumns, type AuditActor } from "./actor";
import type { AuditAction, AuditTargetType } from "./audit-actions";

export type AuditValue = string | number | boolean | null | Date | AuditValue[] | { [key: string]: AuditValue | undefined };
export type AuditValues = Record<string, AuditValue | undefined>;

export interface AuditTarget {
  type: AuditTargetType;
  id?: string | null;
  /** What a reader recognises it by (a directory's name, a client id, an admin's email). */
  label?: string;
  directoryId?: string | null;
}

export interface RecordAuditOptions {
  actor: AuditActor;
  action: AuditAction;
  target: AuditTarget;
  before?: AuditValues;
  after?: AuditValues;
}

/** Keys whose values are credentials or their digests; never written to the audit log. */
const SECRET_KEY = /secret|password|hash|token|^key$/i;

function checked(values: AuditValues | undefined, path: string): AuditValues | undefined {
  if (!values) return undefined;
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
    else if (value && typeof value === "object" && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value)) {
        if (SECRET_KEY.test(k)) throw new Error(`recordAudit: ${at}.${k} looks like a secret and must not be audited`);
        walk(v, `${at}.${k}`);
      }
    }
  };
  walk(values, path);
  // JSON round trip: Dates become ISO strings and undefined fields disappear, alike on both databases.
  return JSON.parse(JSON.stringify(values)) as AuditValues;
}

export async function recordAudit(tx: Tx | Sql, { actor, action, target, before, after }: RecordAuditOptions): Promise<void> {
  const row = {
    ...actorColumns(actor),
    action,
    targetType: target.type,
    targetId: target.id ?? null,
    targetLabel: (target.label ?? "").slice(0, 500),
    directoryId: target.directoryId ?? null,
    before: checked(before, "before"),
    after: checked(after, "after"),
  };
  if (isPrismaTx(tx)) {
    await tx.auditLog.create({ data: row });
    return;
  }
  const p = new SqlParams(tx.kind);
  const columns: Record<string, string> = { id: p.add(randomUUID()), createdAt: p.add(new Date()) };
  for (const [column, value] of Object.entries(row)) {
    if (column === "before" || column === "after") columns[column] = value === undefined ? p.add(null) : p.json(value);
    else columns[column] = p.add(value);
  }
  await tx.execute(insertInto("AuditLog", columns), p.values);
}

function isPrismaTx(tx: Tx | Sql): tx is Tx {
  return typeof (tx as Partial<Tx>).auditLog?.create === "function";
}
