// Keyset pagination on (createdAt, id), newest first: a page is "the N rows after this cursor", so a
// page deep into 100,000 rows costs the same index seek as the first one (no OFFSET scan).
// Cursors are opaque base64url strings; a malformed one simply starts from the top.

export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

export type PageDirection = "after" | "before";

export interface KeysetRequest {
  /** Rows older than this cursor ("after" in newest-first order) … */
  after?: string;
  /** … or newer than this one (the previous page). */
  before?: string;
  pageSize?: number;
}

export interface KeysetPage<T> {
  items: T[];
  /** Cursor for the next (older) page, when there is one. */
  nextCursor: string | null;
  /** Cursor for the previous (newer) page, when there is one. */
  prevCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

function cursorOf(key: KeysetCursor | string): string {
  return typeof key === "string" ? key : encodeCursor(key);
}

export function encodeCursor(c: KeysetCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString("base64url");
}

export function decodeCursor(raw: string | undefined | null): KeysetCursor | null {
  if (!raw || raw.length > 300) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || typeof parsed[0] !== "string" || typeof parsed[1] !== "string") return null;
    const createdAt = new Date(parsed[0]);
    if (Number.isNaN(createdAt.getTime())) return null;
    return { createdAt, id: parsed[1] };
  } catch {
    return null;
  }
}

/** The Prisma where-clause and order for one page (field names must be createdAt and the id field). */
export function keysetQuery(request: KeysetRequest, idField: string = "id") {
  const pageSize = Math.min(Math.max(request.pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const before = decodeCursor(request.before);
  const after = before ? null : decodeCursor(request.after);
  const direction: PageDirection = before ? "before" : "after";
  const cursor = before ?? after;
  const cmp = direction === "after" ? "lt" : "gt";
  const where = cursor
    ? { OR: [{ createdAt: { [cmp]: cursor.createdAt } }, { createdAt: cursor.createdAt, [idField]: { [cmp]: cursor.id } }] }
    : {};
  const sort = direction === "after" ? "desc" : "asc";
  const orderBy = [{ createdAt: sort }, { [idField]: sort }] as { createdAt: "asc" | "desc" }[];
  return { where, orderBy, take: pageSize + 1, pageSize, direction, hasCursor: Boolean(cursor) };
}

/**
 * Turns the rows fetched with keysetQuery (one extra to detect more) into a page with cursors. A list
 * with its own order gives keyOf as the row's encoded cursor.
 */
export function toKeysetPage<T>(rows: T[], query: Pick<ReturnType<typeof keysetQuery>, "pageSize" | "direction" | "hasCursor">, keyOf: (row: T) => KeysetCursor | string): KeysetPage<T> {
  const more = rows.length > query.pageSize;
  const slice = rows.slice(0, query.pageSize);
  const items = query.direction === "before" ? slice.reverse() : slice;
  const first = items[0];
  const last = items[items.length - 1];
  const hasOlder = query.direction === "after" ? more : query.hasCursor;
  const hasNewer = query.direction === "after" ? query.hasCursor : more;
  return {
    items,
    nextCursor: hasOlder && last ? cursorOf(keyOf(last)) : null,
    prevCursor: hasNewer && first ? cursorOf(keyOf(first)) : null,
  };
}
