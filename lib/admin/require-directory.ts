import { AdminInputError } from "./errors";
import { findDirectory, type DirectoryRecord } from "./find-directory";

/** For server actions: the directory named in the submitted form, which must exist. */
export async function requireDirectory(directoryId: string): Promise<DirectoryRecord> {
  const directory = await findDirectory(directoryId);
  if (!directory) throw new AdminInputError("This directory does not exist (it may have been deleted).");
  return directory;
}
