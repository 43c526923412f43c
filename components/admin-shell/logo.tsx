export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900 ${className}`}>
      <span className="grid size-7 place-items-center rounded-md bg-indigo-600 text-white" aria-hidden="true">
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-4">
          <path d="M4 5h12M4 10h12M4 15h7" strokeLinecap="round" />
        </svg>
      </span>
      Roster
    </span>
  );
}
