// The events of the feed (GET /api/v1/events, and later webhooks): one schema per type, each carrying
// enough data that a consumer never needs a second call to act on it. The stored
// ProvisioningEvent.payload is exactly an event's `data`.
import { z } from "zod";
import { directorySchema } from "./directory";
import { healthChangedDataSchema } from "./directory-health";
import { directoryGroupSchema } from "./directory-group";
import { directoryUserSchema } from "./directory-user";
import { isoTimestamp } from "./iso-timestamp";

/** Old values of the attributes that changed, keyed by attribute name (absent: it had no value). */
const previousSchema = z.record(z.string(), z.unknown());
const changedSchema = z.array(z.string());

const userData = z.object({ user: directoryUserSchema });
const groupData = z.object({ group: directoryGroupSchema });
const membershipData = z.object({ group: directoryGroupSchema, user: directoryUserSchema });
const directoryData = z.object({ directory: directorySchema });

/** The catalogue: event type → the shape of its `data`. */
export const eventDataSchemas = {
  "user.created": userData,
  "user.updated": z.object({ user: directoryUserSchema, previous: previousSchema, changed: changedSchema }),
  "user.deactivated": userData,
  "user.reactivated": userData,
  "user.deleted": userData,
  "group.created": groupData,
  "group.updated": z.object({ group: directoryGroupSchema, previous: previousSchema, changed: changedSchema }),
  "group.deleted": groupData,
  "group.member_added": membershipData,
  "group.member_removed": membershipData,
  "directory.created": directoryData,
  "directory.activated": directoryData,
  "directory.deactivated": directoryData,
  "directory.deleted": directoryData,
  "directory.health_changed": healthChangedDataSchema,
} as const;

type DataSchemas = typeof eventDataSchemas;
export type FeedEventType = keyof DataSchemas;
export const FEED_EVENT_TYPES = Object.keys(eventDataSchemas) as FeedEventType[];
export const feedEventTypeSchema = z.enum(FEED_EVENT_TYPES as [FeedEventType, ...FeedEventType[]]);

function feedEventOf<T extends FeedEventType>(type: T) {
  return z.object({
    id: z.string(),
    type: z.literal(type),
    directoryId: z.string(),
    occurredAt: isoTimestamp,
    data: eventDataSchemas[type],
  });
}

function payloadOf<T extends FeedEventType>(type: T) {
  return z.object({ type: z.literal(type), data: eventDataSchemas[type] });
}

type FeedEventSchemas = { [T in FeedEventType]: ReturnType<typeof feedEventOf<T>> };
type PayloadSchemas = { [T in FeedEventType]: ReturnType<typeof payloadOf<T>> };

const feedEventSchemas = Object.fromEntries(FEED_EVENT_TYPES.map((t) => [t, feedEventOf(t)])) as FeedEventSchemas;
const payloadSchemas = Object.fromEntries(FEED_EVENT_TYPES.map((t) => [t, payloadOf(t)])) as PayloadSchemas;

/** An event as the feed returns it: `{ id, type, directoryId, occurredAt, data }`. */
export const feedEventSchema = z
  .discriminatedUnion("type", Object.values(feedEventSchemas) as unknown as [FeedEventSchemas[FeedEventType], ...FeedEventSchemas[FeedEventType][]])
  .meta({ id: "Event" });

/** What a writer supplies: the type and its data (the rest is the row's). */
export const eventPayloadSchema = z.discriminatedUnion("type", Object.values(payloadSchemas) as unknown as [PayloadSchemas[FeedEventType], ...PayloadSchemas[FeedEventType][]]);

export type FeedEvent = z.infer<typeof feedEventSchema>;
export type EventPayload = z.infer<typeof eventPayloadSchema>;
export type EventData<T extends FeedEventType> = z.infer<DataSchemas[T]>;
