import { checkIfMatch } from "@/lib/scim/etag";
import { applyPatch } from "@/lib/scim/patch/apply-patch";
import { parsePatchRequest } from "@/lib/scim/patch/parse-patch-request";
import { normalizeUser } from "@/lib/scim/resource/normalize-user";
import { toScimUser } from "@/lib/scim/resource/to-scim";
import type { ProvisioningContext } from "./context";
import { saveUser, type SavedUser } from "./save-user";

export interface PatchUserOptions {
  ctx: ProvisioningContext;
  userId: string;
  body: unknown;
  ifMatch?: string | null;
  /** Also read the user's groups for the answer (saveUser). */
  withGroups?: boolean;
}

/** PATCH /Users/{id} (RFC 7644 §3.5.2): all operations apply, or none (the patch runs on a copy). */
export async function patchUser({ ctx, userId, body, ifMatch, withGroups }: PatchUserOptions): Promise<SavedUser> {
  const operations = parsePatchRequest(body);
  return saveUser({
    ctx,
    userId,
    withGroups,
    precondition: (current) => checkIfMatch(ifMatch, current.version),
    update: (current) => {
      const patched = applyPatch(toScimUser(current, { baseUrl: ctx.baseUrl }), operations, "User");
      return normalizeUser(patched, { mode: "replace" });
    },
  });
}
