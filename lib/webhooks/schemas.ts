// Validation of webhook input, shared by the library functions, the console's server actions and the CLI.
import { z } from "zod";
import { directoryIdSchema } from "@/lib/admin/directories/schemas";
import { idSchema } from "@/lib/admin/id-schema";
import { FEED_EVENT_TYPES, type FeedEventType } from "@/lib/directory-data/feed-event";

export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_DESCRIPTION_MAX = 200;
export const WEBHOOK_DIRECTORIES_MAX = 100;

export const webhookIdSchema = idSchema("webhook");

const eventTypeSchema = z.string().refine((t): t is FeedEventType => (FEED_EVENT_TYPES as string[]).includes(t), {
  error: (issue) => `Unknown event type "${String(issue.input)}" (one of ${FEED_EVENT_TYPES.join(", ")})`,
});

export const createWebhookSchema = z.object({
  url: z.string({ error: "Enter the URL" }).trim().min(1, "Enter the URL the events are posted to").max(WEBHOOK_URL_MAX, `Use at most ${WEBHOOK_URL_MAX} characters for the URL`),
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX, `Use at most ${WEBHOOK_DESCRIPTION_MAX} characters for the description`).default(""),
  /** Empty: every directory, including those created later. */
  directoryIds: z
    .array(directoryIdSchema)
    .max(WEBHOOK_DIRECTORIES_MAX, `Restrict a webhook to at most ${WEBHOOK_DIRECTORIES_MAX} directories`)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  /** Empty: every event type. */
  eventTypes: z
    .array(eventTypeSchema)
    .default([])
    .transform((types) => [...new Set(types)] as FeedEventType[]),
});

export const webhookRefSchema = z.object({ webhookId: webhookIdSchema });

export const setWebhookEnabledSchema = z.object({ webhookId: webhookIdSchema, enabled: z.boolean() });

export const replayWebhookSchema = z.object({
  webhookId: webhookIdSchema,
  since: z.coerce.date({ error: "Enter the time to replay from" }).refine((d) => !Number.isNaN(d.getTime()), "Enter the time to replay from"),
});

export const resendWebhookEventSchema = z.object({ webhookId: webhookIdSchema, eventId: idSchema("event") });
