// Feed cursors are opaque to consumers: a version prefix and the feed position (seq) of the last
// event delivered, base64url-encoded, so the format can change without breaking stored cursors.
import { InvalidCursorError } from "./errors";

const VERSION = "v1";

export function encodeFeedCursor(seq: number): string {
  return Buffer.from(`${VERSION}:${seq}`, "utf8").toString("base64url");
}

/** The seq a cursor stands for; InvalidCursorError for anything Roster did not issue. */
export function decodeFeedCursor(cursor: string): number {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw new InvalidCursorError();
  const [version, value, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split(":");
  if (version !== VERSION || rest.length || !/^(0|[1-9][0-9]{0,15})$/.test(value ?? "")) throw new InvalidCursorError();
  const seq = Number(value);
  if (!Number.isSafeInteger(seq)) throw new InvalidCursorError();
  return seq;
}
