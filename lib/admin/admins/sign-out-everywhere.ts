import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { runInTransaction } from "@/lib/db/transaction";
import { AdminError } from "../errors";
import { parseInput } from "../parse-input";
import { signOutEverywhereSchema } from "./schemas";

export interface SignOutEverywhereOptions {
  adminId: string;
  actor: AuditActor;
}

/**
 * Ends every session of the admin, on every device: their session version goes up, and a session
 * token carrying an older one is refused on its next request (lib/auth/require-admin.ts).
 */
export async function signOutEverywhere(options: SignOutEverywhereOptions): Promise<void> {
  const { adminId } = parseInput(signOutEverywhereSchema, options);
  await runInTransaction(getDb(), async (tx) => {
    const { count } = await tx.admin.updateMany({ where: { id: adminId }, data: { sessionVersion: { increment: 1 } } });
    if (count === 0) throw new AdminError("not_found", "That admin no longer exists");
    const admin = await tx.admin.findUniqueOrThrow({ where: { id: adminId }, select: { email: true, sessionVersion: true } });
    await recordAudit(tx, {
      actor: options.actor,
      action: "admin.sign_out_everywhere",
      target: { type: "session", id: adminId, label: admin.email },
      before: { sessionVersion: admin.sessionVersion - 1 },
      after: { sessionVersion: admin.sessionVersion },
    });
  });
}
