import { getDb } from "@/lib/db/client";

export interface ClientLabelsOptions {
  directoryId: string;
  /** OAuth client ids as the activity log holds them (null for requests without one). */
  clientIds: (string | null)[];
}

/** Labels of the API clients a page of activity mentions, looked up within the directory only. */
export async function clientLabels({ directoryId, clientIds }: ClientLabelsOptions): Promise<Map<string, string>> {
  const ids = [...new Set(clientIds.filter((c): c is string => Boolean(c)))];
  if (!ids.length) return new Map();
  const clients = await getDb().prisma.apiClient.findMany({ where: { directoryId, clientId: { in: ids } }, select: { clientId: true, label: true } });
  return new Map(clients.filter((c) => c.label).map((c) => [c.clientId, c.label]));
}
