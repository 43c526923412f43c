// The start of every directory page: a signed-in admin and a directory that exists (else 404).
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/require-admin";
import { findDirectory } from "./find-directory";

export async function loadDirectoryPage(params: Promise<{ directoryId: string }>) {
  const admin = await requireAdmin();
  const { directoryId } = await params;
  const directory = await findDirectory(directoryId);
  if (!directory) notFound();
  return { admin, directory };
}
