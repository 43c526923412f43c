// What an API key looks like outside its own row: never the hash, and the directory list as ids.

export interface ApiKeySummary {
  id: string;
  name: string;
  /** `rk_` and the first characters of the key: enough to tell keys apart, far too little to use one. */
  keyPrefix: string;
  /** The directories the key may read; empty means every directory. */
  directoryIds: string[];
  createdAt: Date;
  createdBy: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const apiKeySummarySelect = {
  id: true,
  name: true,
  keyPrefix: true,
  directoryIds: true,
  createdAt: true,
  createdBy: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** The stored JSON list of directory ids (SQLite hands raw SQL the text, PostgreSQL the array). */
export function parseDirectoryIds(value: unknown): string[] {
  const list = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(list) || !list.every((id) => typeof id === "string")) throw new Error("ApiKey.directoryIds is not a list of ids");
  return list;
}

export function toApiKeySummary(row: Omit<ApiKeySummary, "directoryIds"> & { directoryIds: unknown }): ApiKeySummary {
  return { ...row, directoryIds: parseDirectoryIds(row.directoryIds) };
}
