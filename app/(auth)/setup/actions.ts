"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { runAction, type ActionResult, type ActionState } from "@/lib/admin/action-result";
import { newAdminSchema } from "@/lib/auth/credentials-schema";
import { createFirstOwner } from "@/lib/auth/create-admin";
import { clientAddress } from "@/lib/http/client-address";

const setupSchema = newAdminSchema
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { message: "The passwords do not match", path: ["confirmPassword"] });

/**
 * First-run setup: creates the owner. Needs no session by nature; it is refused as soon as any admin
 * exists, atomically (see createFirstOwner), so it cannot be used to add a second account.
 */
export async function createOwnerAction(_prev: ActionState<{ email: string }>, formData: FormData): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => {
    const input = setupSchema.parse({
      email: formData.get("email") ?? "",
      name: formData.get("name") ?? "",
      password: formData.get("password") ?? "",
      confirmPassword: formData.get("confirmPassword") ?? "",
    });
    const owner = await createFirstOwner({ input, actor: { type: "system", name: "first-run setup", ip: clientAddress({ headers: await headers() }) } });
    return { ok: true, message: "Owner account created.", data: { email: owner.email } };
  });
}
