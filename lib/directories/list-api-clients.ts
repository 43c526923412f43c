import { getDb } from "@/lib/db/client";

export interface ListApiClientsOptions {
  directoryId: string;
}

export async function listApiClients({ directoryId }: ListApiClientsOptions) {
  return getDb().apiClient.findMany({
    where: { directoryId },
    select: { id: true, clientId: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}
