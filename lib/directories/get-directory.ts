import { getDb } from "@/lib/db/client";

export interface GetDirectoryOptions {
  directoryId: string;
}

export async function getDirectory({ directoryId }: GetDirectoryOptions) {
  return getDb().directory.findUnique({ where: { id: directoryId } });
}
