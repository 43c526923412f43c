import { checkIfMatch } from "@/lib/scim/etag";
import { normalizeUser } from "@/lib/scim/resource/normalize-user";
import type { ProvisioningContext } from "./context";
import type { UserRecord } from "./records";
import { saveUser } from "./save-user";

export interface ReplaceUserOptions {
  ctx: ProvisioningContext;
  userId: string;
  body: unknown;
  ifMatch?: string | null;
}

/** PUT /Users/{id} (RFC 7644 §3.5.1): replaces every writable attribute; readOnly ones are ignored. */
export async function replaceUser({ ctx, userId, body, ifMatch }: ReplaceUserOptions): Promise<UserRecord> {
  const next = normalizeUser(body, { mode: "replace" });
  return saveUser({ ctx, userId, update: () => next, precondition: (current) => checkIfMatch(ifMatch, current.version) });
}
