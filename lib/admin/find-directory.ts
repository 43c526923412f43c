// The directory named in an admin URL. Every directory page and action starts here, and a missing
// directory is a 404, so nothing else runs against an id that does not exist.
import { cache } from "react";
import { getDb } from "@/lib/db/client";

export interface DirectoryRecord {
  id: string;
  name: string;
  type: string;
  active: boolean;
  deprovisionPolicy: string;
  createdAt: Date;
  updatedAt: Date;
  lastActivityAt: Date | null;
}

const UUID_LIKE = /^[0-9a-zA-Z-]{1,64}$/;

/** The directory, or null. Cached per request so a layout and its page share one query. */
export const findDirectory = cache(async (directoryId: string): Promise<DirectoryRecord | null> => {
  if (!UUID_LIKE.test(directoryId)) return null;
  return getDb().directory.findUnique({
    where: { id: directoryId },
    select: { id: true, name: true, type: true, active: true, deprovisionPolicy: true, createdAt: true, updatedAt: true, lastActivityAt: true },
  });
});
