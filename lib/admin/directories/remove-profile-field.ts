import { getDb } from "@/lib/db/client";
import { AdminError } from "../errors";
import { parseInput } from "../parse-input";
import { removeProfileFieldSchema } from "./schemas";

export interface RemoveProfileFieldOptions {
  directoryId: string;
  profileFieldId: string;
}

/** Removes the field only when it belongs to this directory. */
export async function removeProfileField(options: RemoveProfileFieldOptions): Promise<void> {
  const { directoryId, profileFieldId } = parseInput(removeProfileFieldSchema, options);
  const { count } = await getDb().prisma.directoryProfileField.deleteMany({ where: { id: profileFieldId, directoryId } });
  if (count === 0) throw new AdminError("not_found", "That profile field does not exist in this directory");
}
