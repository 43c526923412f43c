// POST /.search at the base URL (RFC 7644 §3.4.3): a SearchRequest over every resource type, answered
// with one ListResponse whose Resources are users and groups, each with its own schemas.
import { searchResources } from "@/lib/provisioning/search-resources";
import { parseSearchRequest, wantsAttribute } from "@/lib/scim/list-params";
import { projectAttributes } from "@/lib/scim/resource/project-attributes";
import { clientView, toScimGroup, toScimUser } from "@/lib/scim/resource/to-scim";
import type { ScimCall } from "./call";
import { listResponse } from "./list-response";
import { methodNotAllowed } from "./method-not-allowed";
import type { ScimResponse } from "./responses";

export async function handleRootSearch(call: ScimCall): Promise<ScimResponse> {
  if (call.rest.length) return methodNotAllowed([]);
  if (call.method !== "POST") return methodNotAllowed(["POST"]);
  call.note.operation = "search";
  const params = parseSearchRequest(await call.readBody(), call.limits);
  const page = await searchResources({ ctx: call.ctx, query: params, withMembers: wantsAttribute(params, "members") });
  const output = { baseUrl: call.ctx.baseUrl };
  const resources = page.items.map((item) =>
    item.type === "User"
      ? projectAttributes(clientView(toScimUser(item.user, output)), params, "User")
      : projectAttributes(clientView(toScimGroup(item.group, item.members, output)), params, "Group"),
  );
  return { status: 200, body: listResponse(page.totalResults, page.startIndex, resources) };
}
