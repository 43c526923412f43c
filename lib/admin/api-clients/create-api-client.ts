import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type Tx } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { newClientId, newClientSecret, sha256Hex } from "@/lib/oauth/credentials";
import { directoryNotFound } from "../errors";
import { parseInput } from "../parse-input";
import { apiClientSummarySelect, type ApiClientSummary } from "./list-api-clients";
import { createApiClientSchema } from "./schemas";

export interface CreateApiClientOptions {
  directoryId: string;
  label?: string;
  actor: AuditActor;
}

/** What creating (or rotating) a client returns, to the console, the CLI and any API alike. */
export interface CreatedApiClient {
  apiClient: ApiClientSummary;
  /** Shown once: only its SHA-256 is stored, so it can never be read back. */
  clientSecret: string;
  /** Set when the client was made by rotateApiClient: the client it replaces, still active until revoked. */
  replaces?: { id: string; clientId: string };
}

/**
 * A new OAuth client of the directory: client id `roster_` + 22 base62 characters, secret `rs_` + 32
 * random bytes (256 bits) in base64url. The secret is stored only as SHA-256 hex: a fast hash is right
 * for a 256-bit random value (there is no dictionary to try, so a slow password hash adds nothing) and
 * keeps the token endpoint cheap.
 */
export async function createApiClient(options: CreateApiClientOptions): Promise<CreatedApiClient> {
  const { directoryId, label } = parseInput(createApiClientSchema, options);
  return runInTransaction(getDb(), async (tx) => {
    const created = await insertApiClient(tx, directoryId, label);
    await recordAudit(tx, {
      actor: options.actor,
      action: "api_client.create",
      target: { type: "api_client", id: created.apiClient.id, label: created.apiClient.clientId, directoryId },
      after: { clientId: created.apiClient.clientId, label: created.apiClient.label },
    });
    return created;
  });
}

/** The insert itself, inside the caller's transaction (creating and rotating share it). */
export async function insertApiClient(tx: Tx, directoryId: string, label: string): Promise<CreatedApiClient> {
  // Inside the transaction, so the directory cannot be deleted between this check and the insert.
  const directory = await tx.directory.findUnique({ where: { id: directoryId }, select: { id: true } });
  if (!directory) throw directoryNotFound();
  const clientSecret = newClientSecret();
  const apiClient = await tx.apiClient.create({
    data: { directoryId, clientId: newClientId(), secretHash: sha256Hex(clientSecret), label },
    select: apiClientSummarySelect,
  });
  return { apiClient, clientSecret };
}
