// Headless first run: ROSTER_ADMIN_EMAIL + ROSTER_ADMIN_PASSWORD create the owner when no admin exists.
// Called lazily (when auth options are first loaded), idempotent, and safe when instances start together.
import { getDb, type Database } from "@/lib/db/client";
import { createFirstOwner, hasAnyAdmin } from "./create-admin";
import { SetupClosedError } from "./errors";
import { settings, type Settings } from "@/lib/settings";

export type BootstrapResult = "created" | "exists" | "not-configured" | "invalid";

export async function ensureBootstrapAdmin(db: Database = getDb(), auth: Pick<Settings["auth"], "adminEmail" | "adminPassword"> = settings().auth): Promise<BootstrapResult> {
  const email = auth.adminEmail;
  const password = auth.adminPassword;
  if (!email || !password) return "not-configured";
  if (await hasAnyAdmin(db)) return "exists";
  try {
    await createFirstOwner({ input: { email, password, name: "" }, actor: { type: "system", name: "ROSTER_ADMIN_EMAIL" }, db });
    console.log(`[roster] created the owner admin ${email.toLowerCase()} from ROSTER_ADMIN_EMAIL`);
    return "created";
  } catch (e) {
    if (e instanceof SetupClosedError) return "exists";
    if (e instanceof Error && e.name === "ZodError") {
      console.error("[roster] ROSTER_ADMIN_EMAIL / ROSTER_ADMIN_PASSWORD ignored: a valid email and a password of at least 12 characters are required");
      return "invalid";
    }
    throw e;
  }
}
