import { ButtonLink } from "@/components/ui/button";

/** A user, group or activity entry that is not in this directory (or no longer exists). */
export default function DirectoryItemNotFound() {
  return (
    <div className="rounded-lg bg-white px-6 py-12 text-center shadow-sm ring-1 ring-slate-200">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h2 className="mt-2 text-lg font-semibold text-slate-900">Not found in this directory</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
        The user, group or request you opened does not exist in this directory. It may have been deleted by the identity provider, or the link belongs to another
        directory.
      </p>
      <ButtonLink href="/admin/directories" variant="secondary" className="mt-6">
        Back to user directories
      </ButtonLink>
    </div>
  );
}
