// /Users endpoints (RFC 7644 §3.3–§3.6).
import { createUser } from "@/lib/provisioning/create-user";
import { deleteUser } from "@/lib/provisioning/delete-user";
import { getUser } from "@/lib/provisioning/get-user";
import { listUsers } from "@/lib/provisioning/list-users";
import { patchUser } from "@/lib/provisioning/patch-user";
import type { UserRecord } from "@/lib/provisioning/records";
import { replaceUser } from "@/lib/provisioning/replace-user";
import { formatEtag, isNotModified } from "@/lib/scim/etag";
import { parseListQuery, parseProjection, parseSearchRequest, wantsAttribute, type ListParams, type ProjectionParams } from "@/lib/scim/list-params";
import { projectAttributes } from "@/lib/scim/resource/project-attributes";
import { clientView, toScimUser, type UserGroupInput } from "@/lib/scim/resource/to-scim";
import type { ScimCall } from "./call";
import { listResponse } from "./list-response";
import { methodNotAllowed } from "./method-not-allowed";
import type { ScimResponse } from "./responses";

function render(call: ScimCall, user: UserRecord, projection: ProjectionParams, groups?: UserGroupInput[]) {
  return projectAttributes(clientView(toScimUser(user, { baseUrl: call.ctx.baseUrl }, groups)), projection, "User");
}

/**
 * The written user in the same representation as GET (RFC 7644 §3.5.1: PUT returns the resource as
 * GET would), `groups` included (read in the write's transaction); a new user (201) is in none yet.
 */
function written(call: ScimCall, user: UserRecord, status: number, groups?: UserGroupInput[]): ScimResponse {
  const location = `${call.ctx.baseUrl}/Users/${user.id}`;
  const projection = parseProjection(call.url.searchParams);
  return {
    status,
    body: render(call, user, projection, groups),
    headers: { ETag: formatEtag(user.version), ...(status === 201 ? { Location: location } : {}) },
  };
}

/** Whether the answer lists the user's groups (RFC 7643 §4.1.2), read with the write. */
function wantsGroups(call: ScimCall): boolean {
  return wantsAttribute(parseProjection(call.url.searchParams), "groups");
}

async function list(call: ScimCall, params: ListParams): Promise<ScimResponse> {
  call.note.operation = "user.list";
  const page = await listUsers({ ctx: call.ctx, query: params });
  return { status: 200, body: listResponse(page.totalResults, page.startIndex, page.items.map((u) => render(call, u, params))) };
}

export async function handleUsers(call: ScimCall): Promise<ScimResponse> {
  const { method, rest, ctx } = call;
  call.note.resourceType = "User";
  if (rest.length === 0) {
    if (method === "GET") return list(call, parseListQuery(call.url.searchParams, call.limits));
    if (method === "POST") {
      call.note.operation = "user.create";
      const user = await createUser({ ctx, body: await call.readBody() });
      call.note.resourceId = user.id;
      return written(call, user, 201);
    }
    return methodNotAllowed(["GET", "POST"]);
  }
  if (rest.length === 1 && rest[0] === ".search") {
    if (method !== "POST") return methodNotAllowed(["POST"]);
    return list(call, parseSearchRequest(await call.readBody(), call.limits));
  }
  if (rest.length !== 1) return methodNotAllowed([]);
  const userId = rest[0];
  call.note.resourceId = userId;
  const ifMatch = call.request.headers.get("if-match");
  switch (method) {
    case "GET": {
      call.note.operation = "user.get";
      const projection = parseProjection(call.url.searchParams);
      const { user, groups } = await getUser({ ctx, userId }, wantsAttribute(projection, "groups"));
      if (isNotModified(call.request.headers.get("if-none-match"), user.version)) return { status: 304, headers: { ETag: formatEtag(user.version) } };
      return { status: 200, body: render(call, user, projection, groups), headers: { ETag: formatEtag(user.version) } };
    }
    case "PUT": {
      call.note.operation = "user.replace";
      const { user, groups } = await replaceUser({ ctx, userId, body: await call.readBody(), ifMatch, withGroups: wantsGroups(call) });
      return written(call, user, 200, groups);
    }
    case "PATCH": {
      call.note.operation = "user.patch";
      const { user, groups } = await patchUser({ ctx, userId, body: await call.readBody(), ifMatch, withGroups: wantsGroups(call) });
      return written(call, user, 200, groups);
    }
    case "DELETE":
      call.note.operation = "user.delete";
      await deleteUser({ ctx, userId, ifMatch });
      return { status: 204 };
    default:
      return methodNotAllowed(["GET", "PUT", "PATCH", "DELETE"]);
  }
}
