import type { UserGroupInput } from "@/lib/scim/resource/to-scim";
import type { ProvisioningContext } from "./context";
import { listUserGroups } from "./list-user-groups";
import type { UserRecord } from "./records";
import { findUserOrThrow } from "./user-storage";

export interface GetUserOptions {
  ctx: ProvisioningContext;
  userId: string;
}

export interface UserWithGroups {
  user: UserRecord;
  groups: UserGroupInput[];
}

/** GET /Users/{id}, with the groups the user is a direct member of (RFC 7643 §4.1.2 "groups"). */
export async function getUser({ ctx, userId }: GetUserOptions, withGroups = true): Promise<UserWithGroups> {
  const user = await findUserOrThrow(ctx, userId);
  if (!withGroups) return { user, groups: [] };
  return { user, groups: await listUserGroups({ ctx, userId }) };
}
