import { getDb } from "@/lib/db/client";
import { toDirectorySummary, type DirectorySummary } from "@/lib/directory-data";
import { DirectoryReadError } from "./errors";
import { countDirectory } from "./count-directory";
import { directorySelect } from "./get-directory";
import { decodeKeysetCursor, keysetPage } from "./keyset-cursor";

export interface ListDirectoriesOptions {
  /** The directories the caller may read; null: all of them. */
  directoryIds: string[] | null;
  cursor?: string;
  limit: number;
}

/** A page of the directories the caller may read, oldest first, with their counts. */
export async function listDirectories({ directoryIds, cursor, limit }: ListDirectoriesOptions): Promise<{ data: DirectorySummary[]; next: string | null }> {
  const position = cursor ? decodeKeysetCursor("directories", cursor) : undefined;
  if (position && !position.at) throw new DirectoryReadError("invalid_cursor", "The cursor is not one this listing returned");
  const rows = await getDb().prisma.directory.findMany({
    where: {
      AND: [
        directoryIds ? { id: { in: directoryIds } } : {},
        position?.at ? { OR: [{ createdAt: { gt: position.at } }, { createdAt: position.at, id: { gt: position.id } }] } : {},
      ],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: directorySelect,
  });
  const { page, next } = keysetPage(rows, limit, "directories", (d) => ({ at: d.createdAt, id: d.id }));
  const data = await Promise.all(page.map(async (d) => toDirectorySummary(d, await countDirectory({ directoryId: d.id }))));
  return { data, next };
}
