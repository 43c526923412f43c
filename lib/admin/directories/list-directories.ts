import type { Directory } from "@/lib/db/generated/sqlite/client";
import { getDb } from "@/lib/db/client";

/** Every directory, oldest first (the admin UI runs its own aggregate queries for counts). */
export async function listDirectories(): Promise<Directory[]> {
  return getDb().prisma.directory.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
