import { Alert } from "@/components/ui/alert";
import type { ActionState } from "@/lib/admin/action-result";

/** The outcome of a server action, above or below its form. */
export function FormMessage({ state, className }: { state: ActionState<unknown>; className?: string }) {
  if (!state) return null;
  if (state.ok) return state.message ? <Alert tone="success" className={className}>{state.message}</Alert> : null;
  return (
    <Alert tone="error" className={className}>
      {state.error}
    </Alert>
  );
}

export function fieldError(state: ActionState<unknown>, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}
