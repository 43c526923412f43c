import { checkIfMatch } from "@/lib/scim/etag";
import { normalizeUser } from "@/lib/scim/resource/normalize-user";
import type { ProvisioningContext } from "./context";
import { saveUser, type SavedUser } from "./save-user";

export interface ReplaceUserOptions {
  ctx: ProvisioningContext;
  userId: string;
  body: unknown;
  ifMatch?: string | null;
  /** Also read the user's groups for the answer (saveUser). */
  withGroups?: boolean;
}

/** PUT /Users/{id} (RFC 7644 §3.5.1): replaces every writable attribute; readOnly ones are ignored. */
export async function replaceUser({ ctx, userId, body, ifMatch, withGroups }: ReplaceUserOptions): Promise<SavedUser> {
  const next = normalizeUser(body, { mode: "replace" });
  return saveUser({ ctx, userId, withGroups, update: () => next, precondition: (current) => checkIfMatch(ifMatch, current.version) });
}
