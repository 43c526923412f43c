// The site root: the console for a signed-in admin, first-run setup when there is no admin yet, else sign-in.
import { redirect } from "next/navigation";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { hasAnyAdmin } from "@/lib/auth/create-admin";
import { getCurrentAdmin } from "@/lib/auth/require-admin";

export const dynamic = "force-dynamic";

export default async function Home() {
  await getAuthOptions(); // creates the owner from ROSTER_ADMIN_EMAIL first, when configured
  if (await getCurrentAdmin()) redirect("/admin/directories");
  redirect((await hasAnyAdmin()) ? "/signin" : "/setup");
}
