// The actor tests pass to admin operations they call directly (the console and the CLI pass their own).
import type { AuditActor } from "@/lib/audit/actor";

export const TEST_ACTOR: AuditActor = { type: "cli", osUser: "vitest" };
