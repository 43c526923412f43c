// The one place module state lives on globalThis. Under `npm start` one process loads lib/ twice: the
// front server (lib/http/roster-server.ts) imports it, and Next's build bundles its own copy for the
// admin pages; `next dev` re-evaluates modules on every edit. The few objects that must be ONE per
// process whichever copy asks are kept here; everything else is plain module state.
import type { Database } from "@/lib/db/client";
import type { JobLoop } from "@/lib/jobs/job-loop";
import type { RosterMetrics } from "@/lib/metrics/metrics";
import type { Logger } from "pino";

export interface ProcessRegistry {
  /** The database client (lib/db/client.ts): one per process, on SQLite one connection. */
  database?: Database;
  /** The background-job loop: started by whichever copy comes first, stopped on shutdown. */
  jobLoop?: JobLoop;
  /** The Prometheus registry (lib/metrics): both copies of lib/ count into it, /api/metrics reads it. */
  metrics?: RosterMetrics;
  /** The server log (lib/logging): one pino logger, one output stream. */
  logger?: Logger;
}

const KEY = Symbol.for("roster.process-registry");

export function processRegistry(): ProcessRegistry {
  const holder = globalThis as unknown as Record<symbol, ProcessRegistry | undefined>;
  return (holder[KEY] ??= {});
}
