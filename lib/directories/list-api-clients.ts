import { getDb } from "@/lib/db/client";

export interface ListApiClientsOptions {
  directoryId: string;
}

export interface ApiClientSummary {
  id: string;
  clientId: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The directory's API clients, newest first; never the secret hash. */
export async function listApiClients({ directoryId }: ListApiClientsOptions): Promise<ApiClientSummary[]> {
  return getDb().apiClient.findMany({
    where: { directoryId },
    select: { id: true, clientId: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}
