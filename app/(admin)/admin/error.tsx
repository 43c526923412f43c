"use client";

import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";

/** Any unexpected failure while rendering an admin page: say so plainly and offer a retry. */
export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-lg py-16 text-center" role="alert">
      <p className="text-sm font-semibold text-red-700">Something went wrong</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">
        Roster hit an unexpected error — often the database is briefly unreachable. Try again; if it keeps failing, check the server logs
        {error.digest ? (
          <>
            {" "}
            for error <code className="font-mono">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-6 flex justify-center gap-2">
        <Button onClick={reset}>Try again</Button>
        <ButtonLink href="/admin/directories" variant="secondary">
          User directories
        </ButtonLink>
      </div>
    </div>
  );
}
