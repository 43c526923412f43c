// Database failures the edge answers as something other than a 500. They belong beside
// lib/db/errors.ts's classifiers and can move there; kept here because the edge is what decides the
// HTTP answer.

interface DriverError {
  message?: string;
  code?: string;
  cause?: { code?: string; originalCode?: string; originalMessage?: string };
}

function describe(e: unknown): { codes: string[]; text: string } {
  const err = e as DriverError;
  return {
    codes: [err?.code, err?.cause?.code, err?.cause?.originalCode].filter((c): c is string => typeof c === "string"),
    text: `${err?.message ?? ""} ${err?.cause?.originalMessage ?? ""}`,
  };
}

/**
 * The database cannot take writes for lack of space or a failing disk: SQLite's SQLITE_FULL,
 * SQLITE_IOERR or SQLITE_READONLY, PostgreSQL's disk_full (53100) or out_of_memory (53200). Nothing
 * was written (the transaction failed as a whole), and the same request will succeed once an
 * operator has freed space: a 503 with Retry-After, which Entra ID retries, not a 500.
 */
export function isStorageExhausted(e: unknown): boolean {
  const { codes, text } = describe(e);
  return (
    codes.some((c) => /^(SQLITE_FULL|SQLITE_IOERR|SQLITE_READONLY|53100|53200)/.test(c)) ||
    /database or disk is full|disk I\/O error|attempt to write a readonly database|No space left on device|could not extend file/i.test(text)
  );
}

/**
 * PostgreSQL's "program limit exceeded" (SQLSTATE 54000): a value too large for a B-tree index entry
 * (~2.7 kB), e.g. a userName or externalId of thousands of multi-byte characters. The transaction was
 * rolled back, so this is the client's oversized value, not a server fault.
 */
export function isValueTooLargeToIndex(e: unknown): boolean {
  const { codes, text } = describe(e);
  return codes.includes("54000") || /index row (size \d+ exceeds|requires \d+ bytes)/.test(text);
}
