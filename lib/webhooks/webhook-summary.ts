// What a webhook endpoint looks like outside its own row: never the secret, lists parsed, state named.
import { parseDirectoryIds } from "@/lib/admin/api-keys/api-key-summary";

export interface WebhookSummary {
  id: string;
  url: string;
  description: string;
  /** Directories whose events it receives; empty means every directory. */
  directoryIds: string[];
  /** Event types it receives; empty means every type. */
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  /** The event at the head of its queue has been failing since then (null: healthy). */
  failingSince: Date | null;
  /** Failed attempts of that event so far. */
  headAttempts: number;
  nextAttemptAt: Date;
  /** The old secret still signs beside the new one until then (after a rotation). */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  createdBy: string;
}

/** The Prisma select of a summary: the secrets are left out on purpose. */
export const webhookSummarySelect = {
  id: true,
  url: true,
  description: true,
  directoryIds: true,
  eventTypes: true,
  enabled: true,
  disabledReason: true,
  disabledAt: true,
  failingSince: true,
  headAttempts: true,
  nextAttemptAt: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  createdBy: true,
} as const;

type Row = Omit<WebhookSummary, "directoryIds" | "eventTypes"> & { directoryIds: unknown; eventTypes: unknown };

export function toWebhookSummary(row: Row): WebhookSummary {
  return { ...row, directoryIds: parseDirectoryIds(row.directoryIds), eventTypes: parseDirectoryIds(row.eventTypes) };
}

/** Whether an endpoint receives a directory's events. */
export function coversDirectory(w: Pick<WebhookSummary, "directoryIds">, directoryId: string): boolean {
  return !w.directoryIds.length || w.directoryIds.includes(directoryId);
}
