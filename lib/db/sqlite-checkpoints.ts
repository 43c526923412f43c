// WAL checkpoints of the SQLite database, off the thread that serves requests. By default SQLite runs a
// checkpoint inside the COMMIT that grows the WAL past 1,000 pages: that COMMIT copies the pages into
// the database file and waits for two fsyncs, and the event loop (every request in flight) waits with
// it. Here the connection's automatic checkpoints are turned off and a worker thread, on a connection
// of its own, runs PASSIVE checkpoints every CHECKPOINT_EVERY_MS: they copy and fsync beside the
// writer without taking its lock. A PASSIVE checkpoint never lets the WAL start over while the writer
// keeps appending, so once the WAL holds RESTART_FRAMES pages the worker runs a RESTART checkpoint,
// which holds the writer back only while it copies what the last PASSIVE one left (the WAL stays a few
// tens of MB). Crash safety is SQLite's own: the worker's checkpoints are ordinary ones.
//
// If the worker cannot start or dies, the connection gets its automatic checkpoints back.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";

export const CHECKPOINT_EVERY_MS = 100;
export const RESTART_FRAMES = 8_000;
/** SQLite's default wal_autocheckpoint, given back to the connection when the worker is gone. */
const AUTOCHECKPOINT_PAGES = 1_000;
/** How long the worker's RESTART waits for the writer before trying again on a later pass. */
const RESTART_BUSY_MS = 100;

// Plain JavaScript evaluated by the worker: a file of its own would have to be found both by tsx (the
// front server's copy of lib/) and inside Next's bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const message = (e) => String((e && e.message) || e);
function run() {
  let db;
  try {
    db = new (require(workerData.driver))(workerData.file, { timeout: workerData.busyMs, fileMustExist: true });
  } catch (e) {
    parentPort.postMessage({ error: message(e) });
    parentPort.close();
    return;
  }
  const timer = setInterval(() => {
    try {
      const [result] = db.pragma("wal_checkpoint(PASSIVE)");
      if (result && result.log >= workerData.restartFrames) db.pragma("wal_checkpoint(RESTART)");
    } catch (e) {
      parentPort.postMessage({ error: message(e) });
    }
  }, workerData.everyMs);
  parentPort.on("message", (m) => {
    if (m !== "stop") return;
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
  parentPort.postMessage({ ready: true });
}
run();
`;

export interface Checkpointer {
  /** Whether the worker took the checkpoints over: false when it could not start or died first. */
  readonly ready: Promise<boolean>;
  /** Ends the worker (its last pass finishes first); the connection gets automatic checkpoints back. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `file` in a worker thread; `connection` is the connection that serves requests.
 * `RESTART_FRAMES` and the pass interval can be overridden (tests).
 */
export function startCheckpointer(
  file: string,
  connection: BetterSqlite3.Database,
  { everyMs = CHECKPOINT_EVERY_MS, restartFrames = RESTART_FRAMES } = {},
): Checkpointer {
  let stopped = false;
  const automatic = () => {
    if (connection.open) connection.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  let worker: Worker;
  try {
    // Resolved from the project, not from this file: inside Next's bundle this file has no node_modules beside it.
    const driver = createRequire(path.join(process.cwd(), "package.json")).resolve("better-sqlite3");
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, everyMs, restartFrames, busyMs: RESTART_BUSY_MS } });
  } catch (e) {
    console.warn(`[roster] SQLite checkpoints stay in COMMIT: ${(e as Error).message}`);
    return { ready: Promise.resolve(false), stop: async () => undefined };
  }
  // The worker must not keep a process alive that is otherwise done (a CLI command, a test file).
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  let tookOver!: (value: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (tookOver = resolve));
  worker.on("message", (message: { ready?: boolean; error?: string }) => {
    if (message.ready && !stopped && connection.open) {
      connection.pragma("wal_autocheckpoint = 0");
      tookOver(true);
    } else if (message.error) console.warn(`[roster] SQLite checkpoint failed: ${message.error}`);
  });
  worker.on("error", (e: unknown) => {
    const reason = (e as { message?: string } | undefined)?.message ?? String(e);
    console.warn(`[roster] SQLite checkpoint worker stopped (${reason}): checkpoints run in COMMIT again`);
    automatic();
  });
  void exited.then(() => {
    if (!stopped) automatic();
    tookOver(false);
  });
  return {
    ready,
    async stop() {
      if (stopped) return;
      stopped = true;
      automatic();
      // Held by the worker until it has closed its connection, so that whoever awaits this (a test
      // removing the file) finds it closed.
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}
