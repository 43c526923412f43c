// Who is signed in, from the next-auth session cookie. Tests replace this module with vi.mock.
import { getServerSession } from "next-auth";
import { getAuthOptions } from "./auth-options";

export interface SessionIdentity {
  adminId: string;
  /** The admin's session version when the session began (see Admin.sessionVersion). */
  sessionVersion: number;
}

export async function getSessionIdentity(): Promise<SessionIdentity | null> {
  const session = await getServerSession(await getAuthOptions());
  return session?.adminId ? { adminId: session.adminId, sessionVersion: session.sessionVersion ?? 0 } : null;
}
