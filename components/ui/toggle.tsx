import { cn } from "./cn";

/** An on/off switch: a native checkbox (keyboard and form support for free) with role="switch". */
export function Toggle({
  name,
  label,
  description,
  defaultChecked,
  id,
  className,
}: {
  name: string;
  label: React.ReactNode;
  description?: React.ReactNode;
  defaultChecked?: boolean;
  id?: string;
  className?: string;
}) {
  const inputId = id ?? `toggle-${name}`;
  return (
    <div className={cn("flex items-start gap-3", className)}>
      <span className="relative mt-0.5 inline-flex shrink-0">
        <input
          id={inputId}
          name={name}
          type="checkbox"
          role="switch"
          defaultChecked={defaultChecked}
          aria-describedby={description ? `${inputId}-description` : undefined}
          className="peer h-5 w-9 cursor-pointer appearance-none rounded-full bg-slate-300 transition-colors checked:bg-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        />
        <span className="pointer-events-none absolute left-0.5 top-0.5 size-4 rounded-full bg-white shadow transition-transform peer-checked:translate-x-4" aria-hidden="true" />
      </span>
      <span className="min-w-0">
        <label htmlFor={inputId} className="block cursor-pointer text-sm font-medium text-slate-800">
          {label}
        </label>
        {description ? (
          <span id={`${inputId}-description`} className="mt-0.5 block text-xs text-slate-600">
            {description}
          </span>
        ) : null}
      </span>
    </div>
  );
}
