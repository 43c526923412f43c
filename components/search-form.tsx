// The search box above a console list (Users, Groups): a GET form on the list's own path, with Search
// and, while a search or filter is set, Clear.
import { buttonClasses, ButtonLink } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/field";

export interface SearchFormProps {
  /** The list's path: the form submits to it, and Clear goes back to it. */
  action: string;
  /** The id of the `q` input. */
  id: string;
  label: string;
  placeholder: string;
  value?: string;
  /** Whether a search or another filter is set (shows Clear). */
  filtered: boolean;
  /** More fields, between the box and the buttons. */
  children?: React.ReactNode;
}

export function SearchForm({ action, id, label, placeholder, value, filtered, children }: SearchFormProps) {
  return (
    <form role="search" action={action} method="get" className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <input key={value ?? ""} id={id} name="q" type="search" defaultValue={value} placeholder={placeholder} className={`${inputClasses} mt-1.5`} maxLength={200} />
      </div>
      {children}
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses("primary")}>
          Search
        </button>
        {filtered ? (
          <ButtonLink href={action} variant="ghost">
            Clear
          </ButtonLink>
        ) : null}
      </div>
    </form>
  );
}
