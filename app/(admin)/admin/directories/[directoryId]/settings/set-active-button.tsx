"use client";

import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { setDirectoryActiveAction } from "./actions";

/** Activates (or deactivates) a directory in one click; deactivation is confirmed elsewhere. */
export function SetActiveButton({ directoryId, active }: { directoryId: string; active: boolean }) {
  const { state, pending, formProps } = useActionForm(setDirectoryActiveAction);
  return (
    <form {...formProps} className="inline-flex flex-col gap-2">
      <input type="hidden" name="directoryId" value={directoryId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <SubmitButton size="sm" variant={active ? "secondary" : "primary"} pending={pending} pendingLabel={active ? "Deactivating…" : "Activating…"}>
        {active ? "Deactivate" : "Activate directory"}
      </SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
