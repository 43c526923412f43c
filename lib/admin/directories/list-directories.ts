import type { Directory } from "@/lib/db/generated/sqlite/client";
import { getDb } from "@/lib/db/client";

/**
 * Every directory, newest first: the one order of the console's directory list (which adds counts in
 * lib/admin/queries/list-directory-summaries.ts), the CLI's `directory list` and the API-keys page.
 */
export async function listDirectories(): Promise<Directory[]> {
  return getDb().prisma.directory.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}
