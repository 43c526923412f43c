// Opaque keyset cursors for the Directory API's lists. A page is "the rows after this position in a
// fixed total order", read by an index range, so page 1,000 costs what page 1 costs, and rows inserted
// while a consumer pages (they sort after every position already handed out, or are simply not there
// yet) never shift the rows after the cursor: no row present throughout is skipped or repeated.
// The cursor names the order it belongs to, so one from another listing is refused, not misread.
import { invalidCursor } from "./errors";

/** Which order a cursor walks: users by creation, users by last change, members by user id, groups, directories. */
export type KeysetOrder = "users" | "users-updated" | "members" | "groups" | "directories";

/** A position: the sort values of the last row returned (a timestamp and/or an id). */
export interface KeysetPosition {
  at?: Date;
  id: string;
}

export function encodeKeysetCursor(order: KeysetOrder, position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([order, position.at?.toISOString() ?? null, position.id])).toString("base64url");
}

/** The position a cursor holds, if it is one of `order`'s; throws DirectoryReadError("invalid_cursor") otherwise. */
export function decodeKeysetCursor(order: KeysetOrder, cursor: string): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = cursor.length <= 400 ? JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) : undefined;
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== order || typeof parsed[2] !== "string") throw invalidCursor();
  if (parsed[1] === null) return { id: parsed[2] };
  const at = typeof parsed[1] === "string" ? new Date(parsed[1]) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw invalidCursor();
  return { at, id: parsed[2] };
}

/** The page (rows were fetched with one more than `limit`, which only says "there is more") and its `next`. */
export function keysetPage<R>(rows: R[], limit: number, order: KeysetOrder, positionOf: (row: R) => KeysetPosition): { page: R[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, next: rows.length > limit && last ? encodeKeysetCursor(order, positionOf(last)) : null };
}
