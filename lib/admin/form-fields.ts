// Turning a submitted form into an operation's input. The rules live in the operation's one schema
// (lib/admin/*/schemas.ts); this only reads FormData's strings into the shapes that schema expects.
import { AdminError } from "./errors";

/** Reads the named fields of a FormData as strings (absent → undefined). */
export function formFields<K extends string>(formData: FormData, names: readonly K[]): Record<K, string | undefined> {
  const out = {} as Record<K, string | undefined>;
  for (const name of names) {
    const v = formData.get(name);
    out[name] = typeof v === "string" ? v : undefined;
  }
  return out;
}

/**
 * A checkbox ("on" when checked, absent otherwise) or a true/false field, as the boolean the schemas
 * expect; any other value is refused as that field's error.
 */
export function formBoolean(fields: Record<string, string | undefined>, name: string): boolean {
  const value = fields[name];
  if (value === undefined || value === "false" || value === "off") return false;
  if (value === "on" || value === "true") return true;
  throw new AdminError("invalid", "Choose yes or no", { [name]: "Choose yes or no" });
}
