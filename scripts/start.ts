// `npm start`: migrate the configured database, build once if there is no build yet, then serve
// (lib/http/roster-server.ts). PORT picks the port (default 3000); HOSTNAME the interface (default all).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describeDatabase } from "../lib/db/config";
import { migrate } from "../lib/db/migrate";
import { settings } from "../lib/settings";

async function main() {
  process.title = "roster-server";
  // First: a bad environment variable stops the server here, before it migrates or listens.
  const { database: config, port, hostname } = settings();
  const result = await migrate(config);
  console.log(
    `[roster] database ${config.kind} ${describeDatabase(config)}: ${result.applied.length ? "applied " + result.applied.join(", ") : "up to date"}`,
  );
  if (!existsSync(".next/BUILD_ID")) {
    console.log("[roster] no production build found: running next build");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  // Set before Next (and anything reading NODE_ENV) is loaded, as `next start` does.
  Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  const { startRosterServer } = await import("../lib/http/roster-server");
  const server = await startRosterServer({ port, hostname });
  console.log(`[roster] listening on http://${hostname ?? "0.0.0.0"}:${server.port}`);
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      server.close().then(
        () => process.exit(0),
        (e: Error) => {
          console.error(`[roster] shutdown: ${e.message}`);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((e: Error) => {
  console.error(`[roster] failed to start: ${e.message}`);
  process.exit(1);
});
