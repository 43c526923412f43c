// Administration › Audit log (owners only): every admin change and sign-in, newest first, filtered by
// actor, action, target and time, keyset-paginated on (createdAt, id). The CSV export walks the same
// filter through every page.
import { z } from "zod";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/audit-actions";
import { getDb } from "@/lib/db/client";
import { keysetQuery, toKeysetPage, type KeysetPage, type KeysetRequest } from "./keyset";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || undefined);

/** A time from the filter form: datetime-local values carry no zone and are read as UTC, as the form says. */
export function parseUtc(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value}Z` : value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The filters as they arrive in the page's (or the export's) search params; unknown values are dropped. */
export const auditFilterSchema = z.object({
  /** Part of the actor's email or OS user, or an admin id. */
  actor: optionalText.catch(undefined),
  action: z
    .enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]])
    .optional()
    .catch(undefined),
  /** A target's id, or part of its label (a directory's name, a client id, an email). */
  target: optionalText.catch(undefined),
  /** From and to (inclusive), UTC. */
  from: optionalText.catch(undefined),
  to: optionalText.catch(undefined),
});
export type AuditFilter = Partial<z.infer<typeof auditFilterSchema>>;

export interface AuditRow {
  id: string;
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  actorName: string;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string;
  directoryId: string | null;
}

export interface AuditEntry extends AuditRow {
  before: unknown;
  after: unknown;
}

export function auditWhere(filter: AuditFilter) {
  const and: object[] = [];
  if (filter.actor) {
    const actor = filter.actor.toLowerCase();
    and.push({ OR: [{ actorName: { contains: actor } }, { actorId: filter.actor }] });
  }
  if (filter.action) and.push({ action: filter.action });
  if (filter.target) and.push({ OR: [{ targetId: filter.target }, { targetLabel: { contains: filter.target } }] });
  const from = parseUtc(filter.from);
  const to = parseUtc(filter.to);
  if (from || to) and.push({ createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } });
  return { AND: and };
}

const rowSelect = {
  id: true,
  createdAt: true,
  actorType: true,
  actorId: true,
  actorName: true,
  ip: true,
  action: true,
  targetType: true,
  targetId: true,
  targetLabel: true,
  directoryId: true,
} as const;

export interface ListAuditLogOptions {
  filter: AuditFilter;
  page: KeysetRequest;
  /** Include before/after (the export does; the table does not need them). */
  withValues?: boolean;
}

export async function listAuditLog({ filter, page, withValues = false }: ListAuditLogOptions): Promise<KeysetPage<AuditEntry>> {
  const q = keysetQuery(page);
  const rows = await getDb().prisma.auditLog.findMany({
    where: { AND: [auditWhere(filter), q.where] },
    orderBy: q.orderBy,
    take: q.take,
    select: { ...rowSelect, before: withValues, after: withValues },
  });
  const result = toKeysetPage(rows, q, (r) => ({ createdAt: r.createdAt, id: r.id }));
  return { ...result, items: result.items.map((r) => ({ ...r, before: r.before ?? null, after: r.after ?? null })) };
}

export async function getAuditEntry(auditId: string): Promise<AuditEntry | null> {
  if (!auditId || auditId.length > 200) return null;
  const row = await getDb().prisma.auditLog.findUnique({ where: { id: auditId } });
  return row ? { ...row, before: row.before ?? null, after: row.after ?? null } : null;
}
