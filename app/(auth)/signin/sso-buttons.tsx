"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { buttonClasses } from "@/components/ui/button";

/** One button per configured single sign-on provider: "Sign in with <name>". */
export function SsoButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div className="mt-6 space-y-2">
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          disabled={pending !== null}
          className={buttonClasses("secondary", "md", "w-full")}
          onClick={() => {
            setPending(p.id);
            void signIn(p.id, { callbackUrl });
          }}
        >
          {pending === p.id ? "Redirecting…" : `Sign in with ${p.name}`}
        </button>
      ))}
    </div>
  );
}
