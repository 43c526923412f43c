import { ButtonLink } from "@/components/ui/button";
import { permissionLabels, type Permission } from "@/lib/auth/permissions";

/** Shown instead of a page the signed-in admin may not use. */
export function AccessDenied({ permission, backHref = "/admin/directories" }: { permission: Permission; backHref?: string }) {
  return (
    <div className="mx-auto max-w-lg py-16 text-center" data-testid="access-denied">
      <p className="text-sm font-semibold text-amber-700">Permission required</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">You can’t do this</h1>
      <p className="mt-2 text-sm text-slate-600">
        This needs the “{permissionLabels[permission]}” permission. Ask an owner of this Roster to grant it on the Admins page.
      </p>
      <ButtonLink href={backHref} variant="secondary" className="mt-6">
        Back
      </ButtonLink>
    </div>
  );
}
