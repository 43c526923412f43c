import { buttonClasses, ButtonLink } from "@/components/ui/button";

/** A filter form's buttons: apply, and reset (back to `resetHref`) while a filter is set. */
export function FilterActions({ resetHref, filtered }: { resetHref: string; filtered: boolean }) {
  return (
    <div className="flex gap-2">
      <button type="submit" className={buttonClasses("primary")}>
        Apply filters
      </button>
      {filtered ? (
        <ButtonLink href={resetHref} variant="ghost">
          Reset
        </ButtonLink>
      ) : null}
    </div>
  );
}
