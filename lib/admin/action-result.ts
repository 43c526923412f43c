// What every admin server action returns to its form: success with a message (and data for the
// client, e.g. a secret shown once), or a readable error, with per-field messages for zod failures.
import { ZodError } from "zod";
import { AuthorizationError, SetupClosedError } from "@/lib/auth/errors";
import { isTransientDbError } from "@/lib/db/errors";
import { AdminError, fieldErrorsOf, type FieldErrors } from "./errors";

export type { FieldErrors };

export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; error: string; fieldErrors?: FieldErrors };

/** Initial state for useActionState. */
export const idle = null;
export type ActionState<T = undefined> = ActionResult<T> | null;

// redirect()/notFound() throw errors Next must see; they carry a NEXT_* digest.
function isNextControlFlow(e: unknown): boolean {
  const digest = (e as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_");
}

export function toErrorResult(e: unknown): { ok: false; error: string; fieldErrors?: FieldErrors } {
  if (isNextControlFlow(e)) throw e;
  if (e instanceof ZodError) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(e.issues) };
  // Errors whose messages are written for admins; anything else is logged and answered generically.
  if (e instanceof AdminError) return { ok: false, error: e.message, ...(e.fieldErrors && Object.keys(e.fieldErrors).length ? { fieldErrors: e.fieldErrors } : {}) };
  if (e instanceof AuthorizationError || e instanceof SetupClosedError) return { ok: false, error: e.message };
  // Nothing was applied (one transaction) and the same action will work once the database answers again.
  if (isTransientDbError(e)) return { ok: false, error: "The database is busy or unreachable right now; nothing was changed. Try again in a moment." };
  console.error("[roster] admin action failed:", e instanceof Error ? (e.stack ?? e.message) : e);
  return { ok: false, error: "Something went wrong on the server. Try again; if it keeps failing, check the server logs." };
}

/** Runs an action body and maps its failure to an ActionResult. */
export async function runAction<T>(work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await work();
  } catch (e) {
    return toErrorResult(e);
  }
}
