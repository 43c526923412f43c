// The /api/v1 contract in zod: query parameters, response bodies and the error body. The route table
// (routes.ts) validates requests with these, the tests validate responses with them, and the OpenAPI
// document (openapi.ts) is generated from them, so the three cannot drift apart.
import { z } from "zod";
import { directoryDetailSchema, directoryGroupSchema, directoryHealthSchema, directorySchema, directoryUserSchema, feedEventSchema, syncCycleSchema, FEED_EVENT_TYPES } from "@/lib/directory-data";
import { FAILURES, type FailureCode } from "@/lib/http/machine-errors";

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

// ---------- Query parameters (strings in, typed values out) ----------

export const limitParam = z.coerce
  .number({ error: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  .int({ error: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  .min(1, { error: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  .max(MAX_PAGE_SIZE, { error: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  .default(DEFAULT_PAGE_SIZE)
  .meta({ description: `Page size, 1 to ${MAX_PAGE_SIZE}.` });

export const cursorParam = z
  .string()
  .min(1, { error: "cursor is empty: omit it for the first page" })
  .meta({ description: "The `next` value of the previous page, unchanged. Omit it for the first page." });

export const activeParam = z
  .enum(["true", "false"], { error: "active must be true or false" })
  .transform((v) => v === "true")
  .meta({ description: "Only active (true) or only deactivated (false) users." });

export const updatedSinceParam = z.iso
  .datetime({ offset: true, error: "updatedSince must be an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z" })
  .transform((v) => new Date(v))
  .meta({
    description:
      "Only users changed at or after this time, ordered by their last change: a user changed while you page comes again later with its new values (none is skipped).",
  });

export const groupIdParam = z.string().min(1).meta({ description: "Only members of this group." });

export const afterParam = z
  .string()
  .min(1, { error: "after is empty: omit it to start from the oldest retained event" })
  .meta({ description: "The `next` value of the previous response. Omit it to start from the oldest retained event." });

export const directoryIdFilterParam = z.string().min(1).meta({ description: "Only events of this directory." });

export const typesParam = z
  .string()
  .transform((value, ctx) => {
    const types = value.split(",").map((t) => t.trim()).filter(Boolean);
    const unknown = types.filter((t) => !(FEED_EVENT_TYPES as string[]).includes(t));
    if (unknown.length || !types.length) {
      ctx.addIssue({ code: "custom", message: `types must be a comma-separated list of: ${FEED_EVENT_TYPES.join(", ")} (unknown: ${unknown.join(", ") || "none given"})` });
      return z.NEVER;
    }
    return types as typeof FEED_EVENT_TYPES;
  })
  .meta({ description: `Only these event types, comma-separated: ${FEED_EVENT_TYPES.join(", ")}.` });

// ---------- Responses ----------

const nextCursor = z.string().nullable().meta({ description: "Cursor of the next page (pass it as `cursor`); null on the last page." });

export const directoryListSchema = z.object({ data: z.array(directorySchema), next: nextCursor });
export const userListSchema = z.object({ data: z.array(directoryUserSchema), next: nextCursor });
export const groupListSchema = z.object({ data: z.array(directoryGroupSchema), next: nextCursor });
export const eventListSchema = z.object({
  data: z.array(feedEventSchema),
  next: z.string().meta({
    description: "Always present: the cursor after the last event returned, or the one given when there is nothing new. Keep it and pass it as `after` next time.",
  }),
});

const FAILURE_CODES = Object.keys(FAILURES) as [FailureCode, ...FailureCode[]];

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(FAILURE_CODES).meta({ description: "Stable, machine-readable; the HTTP status says the class." }),
    message: z.string().meta({ description: "For people: what was wrong and what to do." }),
  }),
});

/** The named schemas of the OpenAPI document's components (every schema with an id must be here). */
export const COMPONENT_SCHEMAS = {
  Directory: directorySchema,
  DirectoryDetail: directoryDetailSchema,
  DirectoryHealth: directoryHealthSchema,
  SyncCycle: syncCycleSchema,
  DirectoryUser: directoryUserSchema,
  DirectoryGroup: directoryGroupSchema,
  Event: feedEventSchema,
  DirectoryList: directoryListSchema,
  UserList: userListSchema,
  GroupList: groupListSchema,
  EventList: eventListSchema,
  Error: errorSchema,
} as const;
