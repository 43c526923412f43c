// Typed provisioning events: what changed in a directory, written in the same transaction as the change.
import { uuidv7 } from "@/lib/db/uuid7";
import { z } from "zod";
import { insertInto, SqlParams, type Sql } from "@/lib/db/sql";

export const provisioningEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user.created"), payload: z.object({ userName: z.string(), externalId: z.string().nullable(), active: z.boolean() }) }),
  z.object({ type: z.literal("user.updated"), payload: z.object({ changed: z.array(z.string()) }) }),
  z.object({ type: z.literal("user.deactivated"), payload: z.object({ userName: z.string() }) }),
  z.object({ type: z.literal("user.reactivated"), payload: z.object({ userName: z.string() }) }),
  z.object({ type: z.literal("user.deleted"), payload: z.object({ userName: z.string(), policy: z.enum(["erase", "retain"]), groupIds: z.array(z.string()) }) }),
  z.object({ type: z.literal("group.created"), payload: z.object({ displayName: z.string(), externalId: z.string().nullable() }) }),
  z.object({ type: z.literal("group.updated"), payload: z.object({ changed: z.array(z.string()) }) }),
  z.object({ type: z.literal("group.deleted"), payload: z.object({ displayName: z.string() }) }),
  z.object({ type: z.literal("group.member_added"), payload: z.object({ userIds: z.array(z.string()) }) }),
  z.object({ type: z.literal("group.member_removed"), payload: z.object({ userIds: z.array(z.string()).optional(), all: z.boolean().optional() }) }),
]);

export type ProvisioningEvent = z.infer<typeof provisioningEventSchema>;
export type ProvisioningEventType = ProvisioningEvent["type"];

export interface EventScope {
  directoryId: string;
  requestId?: string;
}

/** Writes one event inside the caller's transaction; the payload is checked against its type. */
export async function writeEvent(tx: Sql, scope: EventScope, resourceId: string, event: ProvisioningEvent) {
  const parsed = provisioningEventSchema.parse(event);
  const p = new SqlParams(tx.kind);
  await tx.execute(
    insertInto("ProvisioningEvent", {
      id: p.add(uuidv7()),
      directoryId: p.add(scope.directoryId),
      requestId: p.add(scope.requestId ?? null),
      type: p.add(parsed.type),
      resourceType: p.add(parsed.type.startsWith("user.") ? "User" : "Group"),
      resourceId: p.add(resourceId),
      payload: p.json(parsed.payload),
      createdAt: p.add(new Date()),
    }),
    p.values,
  );
}
