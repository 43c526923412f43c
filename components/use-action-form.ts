"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import type { ActionResult, ActionState } from "@/lib/admin/action-result";

/**
 * Wires a server action to a form. With JavaScript the submission is dispatched in a transition, so
 * React does not reset the fields (a failed validation keeps what the admin typed); without it the
 * form still posts to the action (progressive enhancement). `resetOnSuccess` clears the form once
 * the action succeeded (e.g. "add another").
 */
export function useActionForm<T>(
  action: (state: ActionState<T>, formData: FormData) => Promise<ActionResult<T>>,
  options: { onBeforeSubmit?: (formData: FormData) => void; resetOnSuccess?: boolean } = {},
) {
  const [state, dispatch, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const { resetOnSuccess } = options;

  useEffect(() => {
    if (resetOnSuccess && state?.ok) formRef.current?.reset();
  }, [state, resetOnSuccess]);

  const formProps = {
    action: dispatch,
    onSubmit(event: React.FormEvent<HTMLFormElement>) {
      event.preventDefault();
      formRef.current = event.currentTarget;
      const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
      options.onBeforeSubmit?.(formData);
      startTransition(() => dispatch(formData));
    },
  };
  return { state, pending, formProps };
}
