// Who made a change, as the audit log records it. The console's server actions build an admin actor
// from the session (lib/auth/require-admin.ts: requireActor), the CLI a "cli" one with the OS user.
import { userInfo } from "node:os";

export type AuditActor =
  | { type: "admin"; adminId: string; email: string; ip?: string }
  | { type: "cli"; osUser: string }
  /** Roster itself acting on an administrator's behalf: first-run setup, ROSTER_ADMIN_EMAIL, single sign-on. */
  | { type: "system"; name: string; ip?: string }
  /** Someone not (yet) signed in: a failed sign-in, with the email they gave. */
  | { type: "anonymous"; email: string; ip?: string };

/** The CLI's actor: the operating-system user running it. */
export function cliActor(): AuditActor {
  let osUser: string;
  try {
    osUser = userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): the uid is what there is.
    osUser = `uid ${process.getuid?.() ?? "unknown"}`;
  }
  return { type: "cli", osUser };
}

/** The actor's columns in AuditLog. */
export function actorColumns(actor: AuditActor): { actorType: string; actorId: string | null; actorName: string; ip: string | null } {
  switch (actor.type) {
    case "admin":
      return { actorType: "admin", actorId: actor.adminId, actorName: actor.email, ip: actor.ip ?? null };
    case "cli":
      return { actorType: "cli", actorId: null, actorName: actor.osUser, ip: null };
    case "system":
      return { actorType: "system", actorId: null, actorName: actor.name, ip: actor.ip ?? null };
    case "anonymous":
      return { actorType: "anonymous", actorId: null, actorName: actor.email.slice(0, 254), ip: actor.ip ?? null };
  }
}

/** What ApiKey.createdBy says about who made a key: the admin's email, or "CLI". */
export function actorLabel(actor: AuditActor): string {
  if (actor.type === "admin") return actor.email;
  if (actor.type === "cli") return "CLI";
  return actor.type === "system" ? actor.name : actor.email;
}
