"use client";

import { useFormStatus } from "react-dom";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button";
import { Spinner } from "./spinner";

interface SubmitButtonProps {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  disabled?: boolean;
  name?: string;
  value?: string;
  /** Pending state from useActionForm (useFormStatus only sees native form actions). */
  pending?: boolean;
}

/** A submit button that shows progress and cannot be pressed twice while its form is submitting. */
export function SubmitButton({ children, pendingLabel, variant, size, className, disabled, name, value, pending: pendingProp }: SubmitButtonProps) {
  const status = useFormStatus();
  const pending = status.pending || Boolean(pendingProp);
  return (
    <button type="submit" name={name} value={value} disabled={pending || disabled} aria-disabled={pending || disabled} className={buttonClasses(variant, size, className)}>
      {pending ? <Spinner /> : null}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
