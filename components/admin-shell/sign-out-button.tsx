"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClasses } from "@/components/ui/button";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const router = useRouter();
  return (
    <button
      type="button"
      disabled={pending}
      className={buttonClasses("ghost", "sm", "w-full justify-start")}
      onClick={async () => {
        setPending(true);
        await signOut({ redirect: false });
        router.replace("/signin?signedOut=1");
        router.refresh();
      }}
    >
      <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4" aria-hidden="true">
        <path d="M8 4H5.5A1.5 1.5 0 0 0 4 5.5v9A1.5 1.5 0 0 0 5.5 16H8M12 13.5 15.5 10 12 6.5M15.5 10H8" />
      </svg>
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
