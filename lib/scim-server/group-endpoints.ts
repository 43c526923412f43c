// /Groups endpoints (RFC 7644 §3.3–§3.6).
import { createGroup } from "@/lib/provisioning/create-group";
import { deleteGroup } from "@/lib/provisioning/delete-group";
import { getGroup } from "@/lib/provisioning/get-group";
import { listGroups } from "@/lib/provisioning/list-groups";
import { patchGroup } from "@/lib/provisioning/patch-group";
import type { GroupRecord, MemberRecord } from "@/lib/provisioning/records";
import { replaceGroup } from "@/lib/provisioning/replace-group";
import { formatEtag, isNotModified } from "@/lib/scim/etag";
import { parseListQuery, parseProjection, parseSearchRequest, wantsAttribute, type ListParams, type ProjectionParams } from "@/lib/scim/list-params";
import { projectAttributes } from "@/lib/scim/resource/project-attributes";
import { clientView, toScimGroup } from "@/lib/scim/resource/to-scim";
import type { ScimCall } from "./call";
import { listResponse } from "./list-response";
import { methodNotAllowed } from "./method-not-allowed";
import type { ScimResponse } from "./responses";

function render(call: ScimCall, group: GroupRecord, members: MemberRecord[] | undefined, projection: ProjectionParams) {
  return projectAttributes(clientView(toScimGroup(group, members, { baseUrl: call.ctx.baseUrl })), projection, "Group");
}

async function list(call: ScimCall, params: ListParams): Promise<ScimResponse> {
  call.note.operation = "group.list";
  const page = await listGroups({ ctx: call.ctx, query: params, withMembers: wantsAttribute(params, "members") });
  return {
    status: 200,
    body: listResponse(page.totalResults, page.startIndex, page.items.map((g) => render(call, g.group, g.members, params))),
  };
}

/**
 * What a write produced, honouring attributes/excludedAttributes of the request: re-read, unless the
 * write returned the whole of it (`known`: a group created without members).
 */
async function written(call: ScimCall, groupId: string, status: number, known?: GroupRecord): Promise<ScimResponse> {
  const projection = parseProjection(call.url.searchParams);
  const withMembers = wantsAttribute(projection, "members");
  const { group, members } = known ? { group: known, members: withMembers ? [] : undefined } : await getGroup({ ctx: call.ctx, groupId, withMembers });
  return {
    status,
    body: render(call, group, members, projection),
    headers: { ETag: formatEtag(group.version), ...(status === 201 ? { Location: `${call.ctx.baseUrl}/Groups/${group.id}` } : {}) },
  };
}

export async function handleGroups(call: ScimCall): Promise<ScimResponse> {
  const { method, rest, ctx } = call;
  call.note.resourceType = "Group";
  if (rest.length === 0) {
    if (method === "GET") return list(call, parseListQuery(call.url.searchParams, call.limits));
    if (method === "POST") {
      call.note.operation = "group.create";
      const group = await createGroup({ ctx, body: await call.readBody() });
      call.note.resourceId = group.id;
      return written(call, group.id, 201, group.memberCount === 0 ? group : undefined);
    }
    return methodNotAllowed(["GET", "POST"]);
  }
  if (rest.length === 1 && rest[0] === ".search") {
    if (method !== "POST") return methodNotAllowed(["POST"]);
    return list(call, parseSearchRequest(await call.readBody(), call.limits));
  }
  if (rest.length !== 1) return methodNotAllowed([]);
  const groupId = rest[0];
  call.note.resourceId = groupId;
  const ifMatch = call.request.headers.get("if-match");
  switch (method) {
    case "GET": {
      call.note.operation = "group.get";
      const projection = parseProjection(call.url.searchParams);
      const { group, members } = await getGroup({ ctx, groupId, withMembers: wantsAttribute(projection, "members") });
      if (isNotModified(call.request.headers.get("if-none-match"), group.version)) return { status: 304, headers: { ETag: formatEtag(group.version) } };
      return { status: 200, body: render(call, group, members, projection), headers: { ETag: formatEtag(group.version) } };
    }
    case "PUT":
      call.note.operation = "group.replace";
      await replaceGroup({ ctx, groupId, body: await call.readBody(), ifMatch });
      return written(call, groupId, 200);
    case "PATCH": {
      call.note.operation = "group.patch";
      const group = await patchGroup({ ctx, groupId, body: await call.readBody(), ifMatch });
      // 204 by default (what Entra's documentation shows; a 100,000-member group is not echoed back);
      // 200 with the group when the client asks for attributes (RFC 7644 §3.5.2).
      const projection = parseProjection(call.url.searchParams);
      if (!projection.attributes && !projection.excludedAttributes) return { status: 204, headers: { ETag: formatEtag(group.version) } };
      return written(call, groupId, 200);
    }
    case "DELETE":
      call.note.operation = "group.delete";
      await deleteGroup({ ctx, groupId, ifMatch });
      return { status: 204 };
    default:
      return methodNotAllowed(["GET", "PUT", "PATCH", "DELETE"]);
  }
}
