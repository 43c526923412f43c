import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { DirectoryError } from "./errors";

export interface RevokeApiClientOptions {
  directoryId: string;
  /** The client's row id or its public client id. */
  apiClientId: string;
}

/** Revokes a client of this directory; its tokens are deleted, so they fail on the very next request. */
export async function revokeApiClient({ directoryId, apiClientId }: RevokeApiClientOptions) {
  await runInTransaction(getDb(), async (tx) => {
    const client = await tx.apiClient.findFirst({
      where: { directoryId, OR: [{ id: apiClientId }, { clientId: apiClientId }] },
      select: { id: true, revokedAt: true },
    });
    if (!client) throw new DirectoryError("not_found", "API client not found in this directory");
    if (!client.revokedAt) await tx.apiClient.update({ where: { id: client.id }, data: { revokedAt: new Date() } });
    await tx.accessToken.deleteMany({ where: { clientId: client.id, directoryId } });
  });
}
