import { getDb } from "@/lib/db/client";

export interface ListApiClientsOptions {
  directoryId: string;
}

/** An API client as every admin surface shows it: never the secret hash. */
export interface ApiClientSummary {
  id: string;
  clientId: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const apiClientSummarySelect = { id: true, clientId: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** The directory's API clients, newest first (the console's table and `roster client list` alike). */
export async function listApiClients({ directoryId }: ListApiClientsOptions): Promise<ApiClientSummary[]> {
  return getDb().prisma.apiClient.findMany({
    where: { directoryId },
    select: apiClientSummarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}
