import { ButtonLink } from "@/components/ui/button";

export default function AdminNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        This directory, user, group or activity entry does not exist — it may have been deleted, or the link belongs to another directory.
      </p>
      <ButtonLink href="/admin/directories" className="mt-6">
        Back to user directories
      </ButtonLink>
    </div>
  );
}
