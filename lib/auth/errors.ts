// Errors of admin authentication and authorization, each with a message an admin can read.

export type AuthorizationReason = "unauthenticated" | "forbidden";

/** Thrown by requirePermission(): no valid session, or the admin lacks the permission. */
export class AuthorizationError extends Error {
  constructor(
    readonly reason: AuthorizationReason,
    message: string,
  ) {
    super(message);
    this.name = "AuthorizationError";
  }
}

/** First-run setup was attempted although an admin already exists. */
export class SetupClosedError extends Error {
  constructor() {
    super("Roster is already set up: sign in with an existing admin account.");
    this.name = "SetupClosedError";
  }
}
