// PATCH /Groups: membership changes are planned from the operations alone, never by loading the
// member list, so adding one member to a 100,000-member group costs one insert. Non-member
// operations (displayName, externalId, …) are returned for applyPatch on the group's JSON.
//
// Shapes handled (RFC 7644 §3.5.2, Entra ID, Okta):
//   add      path "members", value [{value}]                  → add those ids
//   add/replace without path, value {"members": [...], …}     → add / replace (other keys: attribute ops)
//   replace  path "members", value [...]                      → replace the member list ([] → remove all)
//   remove   path "members", value [{value}]                  → remove ONLY those ids (Entra, no ?aadOptscim062020)
//   remove   path `members[value eq "id"]` (or an `or` of them) → remove those ids (Entra with the flag, Okta)
//   remove   path `members[<other filter>]`                   → removeWhere (evaluated per member by the caller)
//   remove   path "members", no value                         → remove all members
import { invalidPath, invalidValue, ScimError } from "../errors";
import type { Filter } from "../filter/ast";
import { isPlainObject, type JsonObject } from "../resource/json";
import { MAX_MEMBERS_PER_REQUEST, parseMembers } from "../resource/normalize-group";
import { SCHEMA_GROUP } from "../schema";
import { parsePatchPath } from "./parse-patch-path";
import type { PatchOperation } from "./parse-patch-request";

/**
 * Member ids one PATCH may name in total; advertised in /ServiceProviderConfig. Beyond it: 400
 * invalidValue (RFC 7644 has no status for it; 413 is reserved for payload size). Entra sends
 * memberships in much smaller batches.
 */
export { MAX_MEMBERS_PER_REQUEST };

export type MemberChange =
  | { kind: "add"; ids: string[] }
  | { kind: "remove"; ids: string[] }
  | { kind: "removeAll" }
  | { kind: "replace"; ids: string[] }
  | { kind: "removeWhere"; filter: Filter };

export interface GroupPatchPlan {
  /** The non-member operations, for applyPatch on the group JSON without members. */
  attributeOps: PatchOperation[];
  /** Membership changes in request order (order matters: replace then add ≠ add then replace). */
  memberChanges: MemberChange[];
}

export function planGroupPatch(operations: PatchOperation[]): GroupPatchPlan {
  const plan: GroupPatchPlan = { attributeOps: [], memberChanges: [] };
  operations.forEach((operation, index) => {
    try {
      planOperation(operation, plan);
    } catch (e) {
      if (e instanceof ScimError) throw new ScimError(e.status, `Operations[${index}]: ${e.message}`, e.scimType);
      throw e;
    }
  });
  const named = plan.memberChanges.reduce((n, c) => n + ("ids" in c ? c.ids.length : 0), 0);
  if (named > MAX_MEMBERS_PER_REQUEST) {
    throw invalidValue(`Too many members in one request: ${named} (at most ${MAX_MEMBERS_PER_REQUEST}); send them in several requests`);
  }
  return plan;
}

function planOperation(operation: PatchOperation, plan: GroupPatchPlan) {
  const { op, path, value } = operation;
  if (path === undefined || path === null || path === "") {
    if (op === "remove" || !isPlainObject(value)) {
      plan.attributeOps.push(operation); // invalid: applyPatch reports it
      return;
    }
    planPathless(operation, value, plan);
    return;
  }
  const parsed = parsePatchPath(path);
  const isMembers = parsed.attribute.toLowerCase() === "members" && (!parsed.schema || parsed.schema.toLowerCase() === SCHEMA_GROUP.toLowerCase());
  if (!isMembers) {
    plan.attributeOps.push(operation);
    return;
  }
  if (parsed.subAttribute) throw invalidPath(`"${path}": members can only be added, replaced or removed as a whole`);
  if (parsed.filter) {
    if (op !== "remove") throw invalidPath(`"${path}": a members filter can only be used with remove`);
    const ids = idsOfFilter(parsed.filter);
    plan.memberChanges.push(ids ? { kind: "remove", ids } : { kind: "removeWhere", filter: parsed.filter });
    return;
  }
  if (op === "remove") {
    // Entra (without ?aadOptscim062020) lists the members to remove in `value`: only those go.
    // Only a remove with no value at all removes every member (RFC 7644 §3.5.2.2).
    if (value === undefined || value === null) plan.memberChanges.push({ kind: "removeAll" });
    else pushIds(plan, "remove", value);
    return;
  }
  planMembersValue(plan, op, value);
}

/** `{"op":"add"|"replace","value":{"displayName":"x","members":[…]}}` (Okta sends id too: dropped by applyPatch). */
function planPathless(operation: PatchOperation, value: JsonObject, plan: GroupPatchPlan) {
  const rest: JsonObject = {};
  const memberValues: unknown[] = [];
  for (const [key, v] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (lower === "members" || lower === `${SCHEMA_GROUP.toLowerCase()}:members`) memberValues.push(v);
    else rest[key] = v;
  }
  if (Object.keys(rest).length || !memberValues.length) plan.attributeOps.push({ ...operation, value: rest });
  for (const v of memberValues) planMembersValue(plan, operation.op, v);
}

function planMembersValue(plan: GroupPatchPlan, op: PatchOperation["op"], value: unknown) {
  if (op === "replace") {
    const ids = parseMembers(value, "members").map((m) => m.value);
    plan.memberChanges.push(ids.length ? { kind: "replace", ids } : { kind: "removeAll" });
  } else {
    pushIds(plan, "add", value);
  }
}

function pushIds(plan: GroupPatchPlan, kind: "add" | "remove", value: unknown) {
  const ids = parseMembers(value, "members").map((m) => m.value);
  if (ids.length) plan.memberChanges.push({ kind, ids });
}

/** `value eq "id"`, or several joined by `or`: the ids; any other filter: null. */
function idsOfFilter(filter: Filter): string[] | null {
  if (filter.type === "compare") {
    const isValue = filter.path.attribute.toLowerCase() === "value" && !filter.path.schema && !filter.path.subAttribute;
    return filter.op === "eq" && isValue && typeof filter.value === "string" ? [filter.value] : null;
  }
  if (filter.type !== "or") return null;
  const left = idsOfFilter(filter.left);
  const right = left && idsOfFilter(filter.right);
  return left && right ? [...new Set([...left, ...right])] : null;
}

