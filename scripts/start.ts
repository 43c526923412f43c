// `npm start`: migrate the configured database, build once if there is no build yet, then serve.
// PORT picks the port (default 3000); HOSTNAME the interface (default all).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describeDatabase, resolveDatabaseConfig } from "../lib/db/config";
import { migrate } from "../lib/db/migrate";

async function main() {
  const config = resolveDatabaseConfig();
  const result = await migrate(config);
  console.log(
    `[roster] database ${config.kind} ${describeDatabase(config)}: ${result.applied.length ? "applied " + result.applied.join(", ") : "up to date"}`,
  );
  if (!existsSync(".next/BUILD_ID")) {
    console.log("[roster] no production build found: running next build");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const port = process.env.PORT ?? "3000";
  const args = ["next", "start", "-p", port];
  if (process.env.HOSTNAME) args.push("-H", process.env.HOSTNAME);
  // exec-like: the server gets our signals and we exit with it, so killing `npm start` stops the server.
  const server = spawn("npx", args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((e: Error) => {
  console.error(`[roster] failed to start: ${e.message}`);
  process.exit(1);
});
