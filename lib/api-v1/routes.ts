// The /api/v1 endpoints as one table: path, parameters, response schema, possible errors and the
// handler. handle-v1-request.ts dispatches through it and openapi.ts describes it, so every endpoint
// served is documented and every documented endpoint is served. A handler is parse → check the key's
// access → call lib/directory-api or lib/events → return the body; the wrapper does the rest.
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { findGroupDirectory } from "@/lib/directory-api/find-group-directory";
import { getDirectory } from "@/lib/directory-api/get-directory";
import { getGroup } from "@/lib/directory-api/get-group";
import { getUser } from "@/lib/directory-api/get-user";
import { listDirectories } from "@/lib/directory-api/list-directories";
import { listGroups } from "@/lib/directory-api/list-groups";
import { listUsers } from "@/lib/directory-api/list-users";
import { requireDirectory } from "@/lib/directory-api/require-directory";
import { readEventFeed } from "@/lib/events/read-event-feed";
import type { FailureCode } from "@/lib/http/machine-errors";
import { readableDirectories, requireDirectoryAccess } from "./access";
import type { ApiKeyCaller } from "./authenticate-api-key";
import {
  activeParam,
  afterParam,
  COMPONENT_SCHEMAS,
  cursorParam,
  directoryIdFilterParam,
  groupIdParam,
  limitParam,
  typesParam,
  updatedSinceParam,
} from "./schemas";

export interface V1Input<Q> {
  path: Record<string, string>;
  query: Q;
  caller: ApiKeyCaller;
  /** The public origin (ROSTER_BASE_URL or the request's), for absolute URLs. */
  origin: string;
}

export interface V1Route<Q extends z.ZodRawShape = z.ZodRawShape> {
  operationId: string;
  /** Under /api/v1, with {name} for a path parameter, as OpenAPI writes it. */
  path: string;
  summary: string;
  description: string;
  pathParams: Record<string, string>;
  query: Q;
  /** The 200 body, by its name among the document's component schemas; undefined: the OpenAPI document itself. */
  response: keyof typeof COMPONENT_SCHEMAS | undefined;
  /** Failures this endpoint answers besides the ones every endpoint may (documented per endpoint). */
  errors: FailureCode[];
  /** Served without an API key (only the OpenAPI document). */
  anonymous?: boolean;
  handle(input: V1Input<z.output<z.ZodObject<Q>>>): Promise<unknown>;
}

function route<Q extends z.ZodRawShape>(r: V1Route<Q>): V1Route {
  return r as unknown as V1Route;
}

const DIRECTORY_ID = { directoryId: "The directory's id." };
const PAGE = { cursor: cursorParam.optional(), limit: limitParam };

export const V1_ROUTES: V1Route[] = [
  route({
    operationId: "getOpenApiDocument",
    path: "/openapi.json",
    summary: "This document",
    description: "The OpenAPI 3.1 description of /api/v1. No API key needed.",
    pathParams: {},
    query: {},
    response: undefined,
    errors: [],
    anonymous: true,
    // Answered by handle-v1-request.ts, which builds the document for the request's origin.
    handle: async () => undefined,
  }),
  route({
    operationId: "listEvents",
    path: "/events",
    summary: "Read the events feed",
    description:
      "Every change to the directories the key may read, oldest first, in commit order: each committed event exactly once for a consumer that keeps `next` and passes it as `after`. A cursor older than the retention period answers 410: resynchronise through the Directory API, then continue from a fresh cursor.",
    pathParams: {},
    query: { after: afterParam.optional(), limit: limitParam, directoryId: directoryIdFilterParam.optional(), types: typesParam.optional() },
    response: "EventList",
    errors: ["invalid_request", "forbidden", "gone"],
    async handle({ query, caller }) {
      const directoryIds = readableDirectories(caller, query.directoryId);
      return readEventFeed({ db: getDb(), after: query.after, limit: query.limit, directoryIds: directoryIds ?? undefined, types: query.types });
    },
  }),
  route({
    operationId: "listDirectories",
    path: "/directories",
    summary: "List directories",
    description: "The directories the key may read, oldest first, with their counts.",
    pathParams: {},
    query: PAGE,
    response: "DirectoryList",
    errors: ["invalid_request"],
    async handle({ query, caller }) {
      return listDirectories({ directoryIds: readableDirectories(caller), cursor: query.cursor, limit: query.limit });
    },
  }),
  route({
    operationId: "getDirectory",
    path: "/directories/{directoryId}",
    summary: "Get a directory",
    description:
      "Name, type, whether it is active, its counts of users and groups, when its identity provider was last heard from, and its sync health: state (new, healthy, degraded, failing, silent) with the reason in words, the failure rate of the last 100 provisioning requests, the latest provisioning cycle and when the next is expected.",
    pathParams: DIRECTORY_ID,
    query: {},
    response: "DirectoryDetail",
    errors: ["forbidden", "not_found"],
    async handle({ path, caller }) {
      requireDirectoryAccess(caller, path.directoryId);
      return getDirectory({ directoryId: path.directoryId });
    },
  }),
  route({
    operationId: "listUsers",
    path: "/directories/{directoryId}/users",
    summary: "List a directory's users",
    description:
      "Keyset-paged: pass `next` as `cursor` until it is null. Users inserted while you page never shift the pages after your cursor. Users deleted under the directory's retain policy are not listed.",
    pathParams: DIRECTORY_ID,
    query: { ...PAGE, groupId: groupIdParam.optional(), active: activeParam.optional(), updatedSince: updatedSinceParam.optional() },
    response: "UserList",
    errors: ["invalid_request", "forbidden", "not_found"],
    async handle({ path, query, caller }) {
      requireDirectoryAccess(caller, path.directoryId);
      await requireDirectory({ directoryId: path.directoryId });
      return listUsers({ directoryId: path.directoryId, ...query });
    },
  }),
  route({
    operationId: "getUser",
    path: "/directories/{directoryId}/users/{userId}",
    summary: "Get a user",
    description: "One user with its groups and the SCIM resource as received (`raw`).",
    pathParams: { ...DIRECTORY_ID, userId: "The user's id (the SCIM id)." },
    query: {},
    response: "DirectoryUser",
    errors: ["forbidden", "not_found"],
    async handle({ path, caller }) {
      requireDirectoryAccess(caller, path.directoryId);
      return getUser({ directoryId: path.directoryId, userId: path.userId });
    },
  }),
  route({
    operationId: "listGroups",
    path: "/directories/{directoryId}/groups",
    summary: "List a directory's groups",
    description: "Keyset-paged, oldest first, without members (page those with /groups/{groupId}/members).",
    pathParams: DIRECTORY_ID,
    query: PAGE,
    response: "GroupList",
    errors: ["invalid_request", "forbidden", "not_found"],
    async handle({ path, query, caller }) {
      requireDirectoryAccess(caller, path.directoryId);
      await requireDirectory({ directoryId: path.directoryId });
      return listGroups({ directoryId: path.directoryId, cursor: query.cursor, limit: query.limit });
    },
  }),
  route({
    operationId: "getDirectoryGroup",
    path: "/directories/{directoryId}/groups/{groupId}",
    summary: "Get a directory's group",
    description: "One group of the directory, without its members (as /groups/{groupId}, for a caller that addresses groups under their directory).",
    pathParams: { ...DIRECTORY_ID, groupId: "The group's id (the SCIM id)." },
    query: {},
    response: "DirectoryGroup",
    errors: ["forbidden", "not_found"],
    async handle({ path, caller }) {
      requireDirectoryAccess(caller, path.directoryId);
      return getGroup({ directoryId: path.directoryId, groupId: path.groupId });
    },
  }),
  route({
    operationId: "listDirectoryGroupMembers",
    path: "/directories/{directoryId}/groups/{groupId}/members",
    summary: "List the members of a directory's group",
    description: "The users in the group, keyset-paged by user id, each with all its groups (as /groups/{groupId}/members, under the group's directory).",
    pathParams: { ...DIRECTORY_ID, groupId: "The group's id (the SCIM id)." },
    query: PAGE,
    response: "UserList",
    errors: ["invalid_request", "forbidden", "not_found"],
    async handle({ path, query, caller }) {
      requireDirectoryAccess(caller, path.directoryId);
      return listUsers({ directoryId: path.directoryId, groupId: path.groupId, cursor: query.cursor, limit: query.limit });
    },
  }),
  route({
    operationId: "getGroup",
    path: "/groups/{groupId}",
    summary: "Get a group",
    description: "One group, without its members.",
    pathParams: { groupId: "The group's id (the SCIM id)." },
    query: {},
    response: "DirectoryGroup",
    errors: ["forbidden", "not_found"],
    async handle({ path, caller }) {
      const directoryId = await findGroupDirectory({ groupId: path.groupId });
      requireDirectoryAccess(caller, directoryId);
      return getGroup({ directoryId, groupId: path.groupId });
    },
  }),
  route({
    operationId: "listGroupMembers",
    path: "/groups/{groupId}/members",
    summary: "List a group's members",
    description: "The users in the group, keyset-paged by user id, each with all its groups.",
    pathParams: { groupId: "The group's id (the SCIM id)." },
    query: PAGE,
    response: "UserList",
    errors: ["invalid_request", "forbidden", "not_found"],
    async handle({ path, query, caller }) {
      const directoryId = await findGroupDirectory({ groupId: path.groupId });
      requireDirectoryAccess(caller, directoryId);
      return listUsers({ directoryId, groupId: path.groupId, cursor: query.cursor, limit: query.limit });
    },
  }),
];

/** The route a path under /api/v1 names (any method), with its path parameters. */
export function matchV1Route(segments: string[]): { route: V1Route; path: Record<string, string> } | undefined {
  for (const r of V1_ROUTES) {
    const pattern = r.path.split("/").filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const path: Record<string, string> = {};
    if (pattern.every((p, i) => (p.startsWith("{") ? ((path[p.slice(1, -1)] = segments[i]), true) : p === segments[i]))) return { route: r, path };
  }
  return undefined;
}
