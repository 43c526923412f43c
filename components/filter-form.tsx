// The filter block of a console list (Activity, Events): a GET form whose fields become the page's
// query string, with Apply and, while a filter is set, Reset.
import { FilterActions } from "@/components/filter-actions";
import { inputClasses } from "@/components/ui/field";

export interface FilterFormProps {
  /** The list's own path: the form submits to it, and Reset goes back to it. */
  action: string;
  /** The form's accessible name, e.g. "Filter activity". */
  label: string;
  filtered: boolean;
  /** A first row of up to four fields, above the last. */
  firstRow?: React.ReactNode;
  /** The last row's fields (two), beside the buttons. */
  children: React.ReactNode;
}

export function FilterForm({ action, label, filtered, firstRow, children }: FilterFormProps) {
  return (
    <form action={action} method="get" aria-label={label} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      {firstRow ? <div className="mb-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">{firstRow}</div> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        {children}
        <FilterActions resetHref={action} filtered={filtered} />
      </div>
    </form>
  );
}

interface FieldProps {
  id: string;
  name: string;
  label: string;
  value?: string;
}

/** A select whose empty option (`anyLabel`) means "no filter"; options are [value, label]. */
export function FilterSelect({ id, name, label, value, options, anyLabel }: FieldProps & { options: [string, string][]; anyLabel: string }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {/* Keyed by the applied value: Reset and the other links navigate client-side, and an uncontrolled
          field the admin changed keeps its value across that unless it is remounted. */}
      <select key={value ?? ""} id={id} name={name} defaultValue={value ?? ""} className={`${inputClasses} mt-1`}>
        <option value="">{anyLabel}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A free-text (or datetime-local) field; `mono` for ids. */
export function FilterInput({ id, name, label, value, type = "text", mono }: FieldProps & { type?: "text" | "datetime-local"; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <input key={value ?? ""} id={id} name={name} type={type} defaultValue={value ?? ""} className={`${inputClasses} mt-1${mono ? " font-mono" : ""}`} spellCheck={mono ? false : undefined} />
    </div>
  );
}
