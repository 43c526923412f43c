// The start of every directory page: a signed-in admin and a directory that exists (else 404), so
// nothing else runs against an id that does not exist.
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getDirectory } from "../directories/get-directory";

// Cached per request, so a layout and its page share one query.
const findDirectory = cache((directoryId: string) => getDirectory({ directoryId }));

export async function loadDirectoryPage(params: Promise<{ directoryId: string }>) {
  const admin = await requireAdmin();
  const { directoryId } = await params;
  const directory = await findDirectory(directoryId);
  if (!directory) notFound();
  return { admin, directory };
}
