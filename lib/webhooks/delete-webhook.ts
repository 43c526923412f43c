import { parseInput } from "@/lib/admin/parse-input";
import { getDb } from "@/lib/db/client";
import { webhookNotFound } from "./errors";
import { webhookRefSchema } from "./schemas";

export interface DeleteWebhookOptions {
  webhookId: string;
}

/** Deletes an endpoint and its delivery log; a pass delivering to it stops at its next write. */
export async function deleteWebhook(options: DeleteWebhookOptions): Promise<void> {
  const { webhookId } = parseInput(webhookRefSchema, options);
  const { count } = await getDb().prisma.webhookEndpoint.deleteMany({ where: { id: webhookId } });
  if (!count) throw webhookNotFound();
}
