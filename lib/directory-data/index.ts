// The data Roster hands to consuming applications: one set of zod schemas for the Directory API's
// responses, the events feed and the OpenAPI document (z.toJSONSchema), and the mappers from stored
// records. Response schemas carry no transforms so that their JSON Schema is exact.
export { directorySchema, toDirectorySummary, type DirectoryRecordInput, type DirectorySummary } from "./directory";
export {
  directoryDetailSchema,
  directoryHealthSchema,
  healthChangedDataSchema,
  healthStateSchema,
  HEALTH_STATES,
  syncCycleSchema,
  type DirectoryDetail,
  type DirectoryHealth,
  type HealthChangedData,
  type HealthState,
  type SyncCycleSummary,
} from "./directory-health";
export { directoryGroupSchema, toDirectoryGroup, type DirectoryGroup } from "./directory-group";
export { directoryEmailSchema, directoryGroupRefSchema, directoryUserSchema, toDirectoryUser, type DirectoryGroupRef, type DirectoryUser } from "./directory-user";
export {
  eventDataSchemas,
  eventPayloadSchema,
  FEED_EVENT_TYPES,
  feedEventSchema,
  feedEventTypeSchema,
  type EventData,
  type EventPayload,
  type FeedEvent,
  type FeedEventType,
} from "./feed-event";
export { isoTimestamp } from "./iso-timestamp";
