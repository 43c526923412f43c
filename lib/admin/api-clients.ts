// API Clients tab read model: a directory's clients, newest first (never the secret hash).
import { getDb } from "@/lib/db/client";

export interface ApiClientRow {
  id: string;
  clientId: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listDirectoryApiClients(directoryId: string): Promise<ApiClientRow[]> {
  const rows = await getDb().apiClient.findMany({
    where: { directoryId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, clientId: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
  // Active clients first (a stable sort keeps newest-first within each group).
  return rows.sort((a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)));
}
