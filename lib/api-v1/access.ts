// What an API key may read: every directory, or the ones it is restricted to. Checked before any data
// of a directory is read, so a refused request (403) never carries data.
import { ApiError } from "@/lib/http/machine-errors";
import type { ApiKeyCaller } from "./authenticate-api-key";

export function requireDirectoryAccess(caller: ApiKeyCaller, directoryId: string): void {
  if (caller.directoryIds && !caller.directoryIds.includes(directoryId)) {
    throw new ApiError("forbidden", `This API key may not read directory ${directoryId}`);
  }
}

/** The directories a listing may cover: `only` when given (and allowed), else all the key may read (null: every one). */
export function readableDirectories(caller: ApiKeyCaller, only?: string): string[] | null {
  if (only !== undefined) {
    requireDirectoryAccess(caller, only);
    return [only];
  }
  return caller.directoryIds;
}
