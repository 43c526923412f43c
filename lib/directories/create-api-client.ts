import { getDb } from "@/lib/db/client";
import { newClientId, newClientSecret, sha256Hex } from "@/lib/oauth/credentials";
import { DirectoryError } from "./errors";
import { parseInput } from "./parse-input";
import { clientLabelSchema } from "./schemas";

export interface CreateApiClientOptions {
  directoryId: string;
  label?: string;
}

/** Returns the secret exactly once; only its SHA-256 is stored, so it can never be read back. */
export async function createApiClient({ directoryId, label = "" }: CreateApiClientOptions) {
  const db = getDb();
  const directory = await db.directory.findUnique({ where: { id: directoryId }, select: { id: true } });
  if (!directory) throw new DirectoryError("not_found", "Directory not found");
  const clientSecret = newClientSecret();
  const apiClient = await db.apiClient.create({
    data: { directoryId, clientId: newClientId(), secretHash: sha256Hex(clientSecret), label: parseInput(clientLabelSchema, label) },
    select: { id: true, clientId: true, label: true, createdAt: true },
  });
  return { apiClient, clientSecret };
}
