import { getDb } from "@/lib/db/client";

export async function listDirectories() {
  return getDb().directory.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
