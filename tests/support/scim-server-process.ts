// A SCIM + token server in a process of its own (`node --import tsx tests/support/scim-server-process.ts`)
// on DATABASE_URL, for tests that need several processes writing one database at once. Prints
// `{"url": "http://127.0.0.1:<port>"}` on its first stdout line once it listens; exits on SIGTERM.
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";
import { handleScimRequest } from "@/lib/scim-server/handle-scim-request";
import { startTestServer } from "./http-server";

async function main() {
  const server = await startTestServer({ "/api/scim/v2": (r) => handleScimRequest(r), "/api/oauth/token": handleTokenRequest });
  process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
  const stop = () => void server.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
