import { getDb } from "@/lib/db/client";

export interface ListProfileFieldsOptions {
  directoryId: string;
}

export interface ProfileFieldRow {
  id: string;
  name: string;
  label: string;
  createdAt: Date;
}

/** The directory's expected profile fields, by name. */
export async function listProfileFields({ directoryId }: ListProfileFieldsOptions): Promise<ProfileFieldRow[]> {
  return getDb().prisma.directoryProfileField.findMany({
    where: { directoryId },
    orderBy: [{ name: "asc" }],
    select: { id: true, name: true, label: true, createdAt: true },
  });
}
