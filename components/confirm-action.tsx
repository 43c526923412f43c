"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useActionForm } from "@/components/use-action-form";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormMessage } from "@/components/form-message";
import type { ActionResult, ActionState } from "@/lib/admin/action-result";

interface ConfirmActionProps<T> {
  action: (state: ActionState<T>, formData: FormData) => Promise<ActionResult<T>>;
  /** Hidden inputs sent with the confirmation (ids; the server re-checks everything). */
  fields: Record<string, string>;
  triggerLabel: string;
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  /** Accessible name for the trigger when the visible label is ambiguous in a list. */
  triggerAriaLabel?: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  confirmVariant?: ButtonVariant;
  /** When set, the admin must type this text (e.g. the directory name) to enable the confirm button. */
  typeToConfirm?: string;
  typeToConfirmField?: string;
}

/** A button that opens a modal confirmation (native <dialog>: focus trapped, Esc closes) and then runs a server action. */
export function ConfirmAction<T>({
  action,
  fields,
  triggerLabel,
  triggerVariant = "secondary",
  triggerSize = "sm",
  triggerAriaLabel,
  title,
  description,
  confirmLabel,
  pendingLabel,
  confirmVariant = "danger",
  typeToConfirm,
  typeToConfirmField = "confirmation",
}: ConfirmActionProps<T>) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { state, pending, formProps } = useActionForm(action);
  const [typed, setTyped] = useState("");
  const titleId = useId();
  const descId = useId();
  const inputId = useId();

  useEffect(() => {
    if (state?.ok) dialogRef.current?.close();
  }, [state]);

  const open = () => {
    setTyped("");
    dialogRef.current?.showModal();
  };

  return (
    <>
      <button type="button" onClick={open} className={buttonClasses(triggerVariant, triggerSize)} aria-label={triggerAriaLabel} aria-haspopup="dialog">
        {triggerLabel}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={descId}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg bg-white p-0 shadow-xl ring-1 ring-slate-200"
      >
        <form {...formProps} className="p-6">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <div id={descId} className="mt-2 text-sm text-slate-600">
            {description}
          </div>
          {typeToConfirm !== undefined ? (
            <div className="mt-4">
              <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
                Type <span className="break-all font-mono font-semibold">{typeToConfirm}</span> to confirm
              </label>
              <input
                id={inputId}
                name={typeToConfirmField}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                className={`${inputClasses} mt-1.5`}
              />
            </div>
          ) : null}
          <FormMessage state={state && !state.ok ? state : null} className="mt-4" />
          <div className="mt-6 flex justify-end gap-2">
            <button type="button" className={buttonClasses("secondary")} onClick={() => dialogRef.current?.close()}>
              Cancel
            </button>
            <SubmitButton variant={confirmVariant} pendingLabel={pendingLabel} pending={pending} disabled={typeToConfirm !== undefined && typed !== typeToConfirm}>
              {confirmLabel}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
