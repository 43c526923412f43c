import type { ProvisioningContext } from "./context";
import { listRows, type ListPage, type ListQuery } from "./list-query";
import { toUserRecord, type UserRecord } from "./records";

export interface ListUsersOptions {
  ctx: ProvisioningContext;
  query: ListQuery;
}

/** GET /Users and POST /Users/.search. */
export async function listUsers({ ctx, query }: ListUsersOptions): Promise<ListPage<UserRecord>> {
  const page = await listRows(ctx, "User", query);
  return { ...page, items: page.items.map(toUserRecord) };
}
