// Errors of the admin domain, with messages written for an administrator: the console shows them next
// to the form (per field when `fieldErrors` is set), the CLI prints them (exit 2 when `invalid`: nothing
// was done), and an API maps `code` to its status.
export type AdminErrorCode = "invalid" | "not_found";

export type FieldErrors = Record<string, string>;

export class AdminError extends Error {
  constructor(
    readonly code: AdminErrorCode,
    message: string,
    /** Which input each problem is about, when the input had fields (the first message per field). */
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AdminError";
  }
}

/** The first message per top-level field of a failed zod validation ("_form" for the input as a whole). */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) out[issue.path.length ? String(issue.path[0]) : "_form"] ??= issue.message;
  return out;
}

export const directoryNotFound = () => new AdminError("not_found", "Directory not found");
export const apiClientNotFound = () => new AdminError("not_found", "API client not found in this directory");
