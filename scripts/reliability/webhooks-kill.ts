// kill -9 of the production server while it provisions AND delivers webhooks, on SQLite and on
// PostgreSQL. The outbox is the events table, written in each change's transaction, and an endpoint's
// progress is a cursor over it, so no moment of death may lose a delivery.
//
// A receiver (node:http on 127.0.0.1) runs throughout. A sync (users created in parallel, each added
// to a group) is interrupted twice by SIGKILL to the server's process group, the server restarted each
// time and the sync carried on; then, with the server up, the script waits until the receiver has
// every event of the feed. Checks: every feed event reached the receiver at least once, every request
// verifies with the endpoint's secret (the standardwebhooks package), and first arrivals are in feed
// order (per-endpoint ordering survives the crashes; duplicates are allowed: delivery is at least once).
//
//   npx tsx scripts/reliability/webhooks-kill.ts        (needs a production build: npx next build)
import { Webhook } from "standardwebhooks";
import { cliActor } from "../../lib/audit/actor";
import type { DbKind } from "../../lib/db/client";
import { SCHEMA_GROUP as GROUP, SCHEMA_PATCH_OP as PATCH, SCHEMA_USER as CORE } from "../../lib/scim/schema";
import { createWebhook } from "../../lib/webhooks/create-webhook";
import { encodeFeedCursor } from "../../lib/events/feed-cursor";
import { walkFeed } from "../../tests/support/events";
import { startWebhookReceiver } from "../../tests/support/webhook-receiver";
import { check, createCredentials, createDatabase, getToken, pool, runScript, scimClient, section, sleep, startProductionServer, type ProductionServer } from "./support";

const USERS = Number(process.env.KILL_USERS ?? 300);
const CONCURRENCY = 16;
const LOCAL = { ROSTER_WEBHOOK_ALLOW_HTTP: "true", ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" };

async function scenario(kind: DbKind, cleanup: (fn: () => Promise<unknown> | unknown) => void) {
  section(`kill -9 during a sync with a webhook receiver, on ${kind}`);
  const database = await createDatabase(kind, "hookkill");
  cleanup(() => database.drop());
  const receiver = await startWebhookReceiver();
  cleanup(() => receiver.close());
  const creds = await createCredentials(database, `Webhook kill ${kind}`);
  const { secret, webhook } = await createWebhook({ url: receiver.url, actor: cliActor() });
  // The endpoint receives what is recorded after its creation (not, e.g., the directory.created before it).
  const startCursor = encodeFeedCursor(Number((await database.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.id } })).cursor));
  let server: ProductionServer = await startProductionServer({ databaseUrl: database.url, env: LOCAL });
  cleanup(() => server.stop());
  let token = "";
  const scim = scimClient(() => server.url, () => token);
  const fetchToken = async () => {
    token = (await getToken(server.url, creds.clientId, creds.clientSecret)).body.access_token;
  };
  await fetchToken();
  const groupId = (await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Everyone" })).body.id as string;

  // One user per task: created if absent (a 409 after a kill means it exists), then added to the
  // group. In the killed rounds the sync then keeps renaming users until the kill, which comes once
  // `killAfter` requests were answered AND this round's deliveries have begun (after a kill the dead
  // instance's leases must expire first), so the server dies with requests and deliveries in flight.
  let killing: Promise<void> | undefined;
  const runSync = async (killAfter?: number) => {
    let answered = 0;
    const deliveredBefore = receiver.count;
    const deadline = Date.now() + 120_000;
    const maybeKill = () => {
      if (killAfter !== undefined && !killing && answered >= killAfter && receiver.count >= deliveredBefore + 5) killing = server.kill9();
    };
    const ids = new Map<number, string>();
    const tasks = Array.from({ length: USERS }, (_, i) => async () => {
      try {
        if (killing) return;
        const userName = `hook${i}@contoso.example`;
        let r = await scim("POST", "/Users", { schemas: [CORE], userName, displayName: `Hook ${i}`, active: true });
        answered++;
        let id = r.status === 201 ? (r.body.id as string) : undefined;
        if (r.status === 409) id = (await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body.Resources[0]?.id;
        maybeKill();
        if (!id || killing) return;
        ids.set(i, id);
        r = await scim("PATCH", `/Groups/${groupId}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: id }] }] });
        answered++;
        maybeKill();
      } catch {
        // cut off by the kill
      }
    });
    await pool(tasks, CONCURRENCY);
    for (let round = 0; killAfter !== undefined && !killing && Date.now() < deadline; round++) {
      await pool(
        [...ids.values()].slice(0, 40).map((id) => async () => {
          try {
            if (killing) return;
            await scim("PATCH", `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: `Renamed ${round}` }] });
            answered++;
            maybeKill();
          } catch {
            // cut off by the kill
          }
        }),
        8,
      );
    }
    await killing;
    killing = undefined;
  };

  for (const round of [1, 2]) {
    const killAt = Math.floor(USERS * (0.3 + Math.random() * 0.4));
    const before = receiver.count;
    await runSync(killAt);
    check(!server.alive(), `round ${round}: killed after at least ${killAt} answers, with ${receiver.count - before} webhook requests received in the round`);
    server = await startProductionServer({ databaseUrl: database.url, port: server.port, env: LOCAL });
    await fetchToken();
  }
  await runSync();

  // The whole feed since the endpoint's creation, read by the script's own client, must reach the receiver.
  const feed = (await walkFeed(database.db, { after: startCursor })).events;
  const deadline = Date.now() + 120_000;
  let missing: string[] = [];
  for (;;) {
    const got = new Set(receiver.received.map((r) => String(r.headers["webhook-id"])));
    missing = feed.filter((e) => !got.has(e.id)).map((e) => e.id);
    if (!missing.length || Date.now() > deadline) break;
    await sleep(500);
  }
  check(feed.length >= USERS * 2, `the feed holds ${feed.length} events (${USERS} users created and added, renames)`);
  check(missing.length === 0, `every feed event reached the receiver at least once (${receiver.received.length} requests for ${feed.length} events)`, missing.slice(0, 5));
  const bad = receiver.received.filter((r) => {
    try {
      new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
      return false;
    } catch {
      return true;
    }
  });
  check(bad.length === 0, "every request verifies with the endpoint's secret (standardwebhooks)", bad.length);
  const firstArrival: string[] = [];
  const seen = new Set<string>();
  for (const r of receiver.received) {
    const id = String(r.headers["webhook-id"]);
    if (seen.has(id)) continue;
    firstArrival.push(id);
    seen.add(id);
  }
  const order = new Map(feed.map((e, i) => [e.id, i]));
  const outOfOrder = firstArrival.findIndex((id, i) => i > 0 && order.get(id)! < order.get(firstArrival[i - 1])!);
  check(outOfOrder === -1, "first arrivals are in feed order", outOfOrder);
  console.log(`  ${receiver.received.length - seen.size} duplicate deliveries (sent again after a kill: at least once)`);
  await server.stop();
  await receiver.close();
}

runScript("webhooks-kill", async (cleanup) => {
  // The script's own process creates the endpoint (an http:// receiver on 127.0.0.1).
  Object.assign(process.env, LOCAL);
  const kinds = (process.env.RELIABILITY_DATABASES ?? "sqlite,postgresql").split(",") as DbKind[];
  for (const kind of kinds) await scenario(kind, cleanup);
});
