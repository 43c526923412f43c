"use client";

import { FormMessage } from "@/components/form-message";
import type { ButtonSize, ButtonVariant } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { ActionResult, ActionState } from "@/lib/admin/action-result";

/** A one-click server action (no confirmation) with hidden fields, showing its error next to it. */
export function ActionButton<T>({
  action,
  fields,
  children,
  pendingLabel,
  variant = "secondary",
  size = "sm",
  ariaLabel,
}: {
  action: (state: ActionState<T>, formData: FormData) => Promise<ActionResult<T>>;
  fields: Record<string, string>;
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  ariaLabel?: string;
}) {
  const { state, pending, formProps } = useActionForm(action);
  return (
    <form {...formProps} className="inline-flex flex-col items-end gap-1" aria-label={ariaLabel}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant} size={size} pending={pending} pendingLabel={pendingLabel}>
        {children}
      </SubmitButton>
      {state && !state.ok ? <FormMessage state={state} className="max-w-xs text-left" /> : null}
    </form>
  );
}
