// Classifies database errors from either driver adapter, so callers can answer 409, retry, or 503.

interface AdapterCause {
  kind?: string;
  originalCode?: string;
  originalMessage?: string;
  code?: string;
}

function details(e: unknown): { code?: string; kind?: string; text: string } {
  const err = e as { code?: string; message?: string; meta?: { driverAdapterError?: { cause?: AdapterCause } }; cause?: AdapterCause };
  const cause = err?.meta?.driverAdapterError?.cause ?? err?.cause;
  return {
    code: err?.code,
    kind: cause?.kind,
    text: `${err?.message ?? ""} ${cause?.originalCode ?? ""} ${cause?.originalMessage ?? ""} ${cause?.code ?? ""}`,
  };
}

export function isUniqueViolation(e: unknown): boolean {
  const d = details(e);
  return d.code === "P2002" || d.kind === "UniqueConstraintViolation" || /UNIQUE constraint failed|duplicate key value|23505/.test(d.text);
}

/** Lock contention or a serialization conflict: the same work may succeed when tried again. */
export function isRetryableConflict(e: unknown): boolean {
  const d = details(e);
  return (
    d.code === "P2034" ||
    d.kind === "TransactionWriteConflict" ||
    /SQLITE_BUSY|SQLITE_LOCKED|database is locked|40001|40P01|could not serialize|deadlock detected/i.test(d.text)
  );
}

/** The database cannot be reached at all (down, refusing connections, pool exhausted). */
export function isDatabaseUnavailable(e: unknown): boolean {
  const d = details(e);
  return (
    ["P1001", "P1002", "P1008", "P1017", "P2024"].includes(d.code ?? "") ||
    ["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseDoesNotExist"].includes(d.kind ?? "") ||
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection|57P01|SQLITE_CANTOPEN|unable to open database/i.test(
      d.text,
    )
  );
}
