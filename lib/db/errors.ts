// Classifies database errors from either driver (Prisma's adapters or the plain SQL driver), so callers
// can answer 409, retry, or 503 instead of 500.

export type DbErrorKind =
  /** A unique constraint refused the row. */
  | "unique"
  /** Lock contention or a serialization conflict: the same work may succeed when tried again. */
  | "conflict"
  /** The database cannot be reached at all (down, refusing connections, pool exhausted). */
  | "unavailable"
  /**
   * No space or a failing disk: SQLite's SQLITE_FULL, SQLITE_IOERR or SQLITE_READONLY, PostgreSQL's
   * disk_full (53100) or out_of_memory (53200). Nothing was written (the transaction failed as a whole),
   * and the same request succeeds once an operator has freed space.
   */
  | "storageFull"
  /**
   * PostgreSQL's "program limit exceeded" (54000): a value too large for a B-tree index entry (~2.7 kB),
   * e.g. a userName of thousands of multi-byte characters. The client's value, not a server fault.
   */
  | "valueTooLarge"
  | "other";

interface AdapterCause {
  kind?: string;
  code?: string;
  originalCode?: string;
  originalMessage?: string;
}

interface DriverError {
  code?: string;
  message?: string;
  meta?: { driverAdapterError?: { cause?: AdapterCause } };
  cause?: AdapterCause;
}

export function classifyDbError(e: unknown): DbErrorKind {
  const err = e as DriverError | undefined;
  const cause = err?.meta?.driverAdapterError?.cause ?? err?.cause;
  const codes = [err?.code, cause?.code, cause?.originalCode].filter((c): c is string => typeof c === "string");
  const kind = cause?.kind ?? "";
  const text = `${err?.message ?? ""} ${cause?.originalMessage ?? ""} ${codes.join(" ")}`;

  if (codes.includes("P2002") || kind === "UniqueConstraintViolation" || /UNIQUE constraint failed|duplicate key value|23505/.test(text)) return "unique";
  if (codes.includes("54000") || /index row (size \d+ exceeds|requires \d+ bytes)/.test(text)) return "valueTooLarge";
  if (
    codes.some((c) => /^(SQLITE_FULL|SQLITE_IOERR|SQLITE_READONLY|53100|53200)/.test(c)) ||
    /database or disk is full|disk I\/O error|attempt to write a readonly database|No space left on device|could not extend file/i.test(text)
  ) {
    return "storageFull";
  }
  if (isStalePlan(e)) return "conflict";
  if (codes.includes("P2034") || kind === "TransactionWriteConflict" || /SQLITE_BUSY|SQLITE_LOCKED|database is locked|40001|40P01|could not serialize|deadlock detected/i.test(text)) {
    return "conflict";
  }
  if (
    codes.some((c) => ["P1001", "P1002", "P1008", "P1017", "P2024"].includes(c)) ||
    ["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseDoesNotExist"].includes(kind) ||
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection|57P01|SQLITE_CANTOPEN|unable to open database/i.test(text)
  ) {
    return "unavailable";
  }
  return "other";
}

/**
 * PostgreSQL refusing a prepared statement whose result columns a migration changed (0A000, "cached
 * plan must not change result type"): the driver prepares it afresh when the work runs again.
 */
export function isStalePlan(e: unknown): boolean {
  const err = e as DriverError | undefined;
  return err?.code === "0A000" && /cached plan must not change result type/.test(err.message ?? "");
}

export function isUniqueViolation(e: unknown): boolean {
  return classifyDbError(e) === "unique";
}

/** Worth running the same transaction again (lib/db/transaction.ts). */
export function isRetryableConflict(e: unknown): boolean {
  return classifyDbError(e) === "conflict";
}

/** Nothing was applied and the same request may succeed later: the edge answers 503 with Retry-After. */
export function isTransientDbError(e: unknown): boolean {
  const kind = classifyDbError(e);
  return kind === "conflict" || kind === "unavailable" || kind === "storageFull";
}
