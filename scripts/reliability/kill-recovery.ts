// kill -9 of the production server in the middle of an initial sync, on SQLite and on PostgreSQL.
//
// An Entra-like initial sync (users created in parallel, each then added to its group and to one
// group every user joins) is interrupted twice by SIGKILL to the server's process group: once during
// the sync, once during the retry. After each kill, with the server dead, the stored data must be
// consistent (tests/support/directory-invariants.ts: emails match resource.emails, memberCount matches
// the member rows, every change has its event and every event its change) and every acknowledged
// write must be there. Re-sending everything the way Entra retries (look the user up by userName,
// POST if absent, a 409 means it exists; PATCH the memberships again) must converge to exactly the
// expected directory.
//
//   npx tsx scripts/reliability/kill-recovery.ts        (needs a production build: npx next build)
import { checkDirectoryInvariants } from "../../tests/support/directory-invariants";
import {
  check,
  createCredentials,
  createDatabase,
  getToken,
  pool,
  runScript,
  scimClient,
  section,
  startProductionServer,
  tally,
  type ProductionServer,
  type Reply,
  type ScriptDatabase,
} from "./support";
import type { DbKind } from "../../lib/db/client";
import { SCHEMA_GROUP as GROUP, SCHEMA_PATCH_OP as PATCH, SCHEMA_USER as CORE } from "../../lib/scim/schema";

const USERS = Number(process.env.KILL_USERS ?? 300);
const GROUPS = 6;
const CONCURRENCY = 24;

function userBody(i: number) {
  return {
    schemas: [CORE],
    userName: `user${i}@contoso.example`,
    externalId: `ext-${i}`,
    displayName: `User ${i}`,
    name: { givenName: "User", familyName: String(i) },
    emails: [
      { value: `user${i}@contoso.example`, type: "work", primary: true },
      { value: `user${i}@home.example`, type: "home" },
    ],
    active: true,
  };
}

const groupName = (g: number) => (g === GROUPS ? "Everyone" : `Team ${g}`);
/** Each user joins its team and Everyone (one hot group row every request contends for). */
const groupsOf = (i: number) => [i % GROUPS, GROUPS];

interface Outcome {
  /** Responses received before the kill, by status. */
  statuses: number[];
  /** Requests that got no response (the server died under them). */
  interrupted: number;
  /** Users whose POST was answered 201, and memberships whose PATCH was answered 204. */
  ackedUsers: Set<number>;
  ackedMembers: Set<string>;
}

async function runSync(opts: {
  scim: ReturnType<typeof scimClient>;
  groupIds: string[];
  killAfter?: number;
  server: ProductionServer;
  entraStyle: boolean;
}): Promise<Outcome> {
  const { scim, groupIds } = opts;
  const outcome: Outcome = { statuses: [], interrupted: 0, ackedUsers: new Set(), ackedMembers: new Set() };
  let answered = 0;
  let killing: Promise<void> | undefined;
  const send = async (method: string, path: string, body?: unknown): Promise<Reply | undefined> => {
    if (killing) return undefined;
    try {
      const r = await scim(method, path, body);
      outcome.statuses.push(r.status);
      answered++;
      if (opts.killAfter !== undefined && answered >= opts.killAfter && !killing) {
        // Mid-flight: CONCURRENCY requests are in progress when the whole process group dies.
        killing = opts.server.kill9();
      }
      return r;
    } catch {
      outcome.interrupted++;
      return undefined;
    }
  };
  const findUser = async (i: number): Promise<string | undefined> => {
    const r = await send("GET", `/Users?filter=${encodeURIComponent(`userName eq "user${i}@contoso.example"`)}&attributes=id`);
    return r?.status === 200 ? r.body.Resources[0]?.id : undefined;
  };
  const tasks = Array.from({ length: USERS }, (_, i) => async () => {
    let id = opts.entraStyle ? await findUser(i) : undefined;
    if (!id) {
      const r = await send("POST", "/Users", userBody(i));
      if (!r) return;
      if (r.status === 201) {
        outcome.ackedUsers.add(i);
        id = r.body.id;
      } else if (r.status === 409) {
        id = await findUser(i); // Entra treats 409 as "exists" and looks it up
      }
    }
    if (!id) return;
    for (const g of groupsOf(i)) {
      const r = await send("PATCH", `/Groups/${groupIds[g]}`, { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: id }] }] });
      if (r?.status === 204) outcome.ackedMembers.add(`${g}:${id}`);
    }
  });
  await pool(tasks, CONCURRENCY);
  await killing;
  return outcome;
}

async function checkAfterKill(database: ScriptDatabase, directoryId: string, outcome: Outcome, groupIds: string[], label: string) {
  const db = database.db;
  console.log(`  ${label}: ${outcome.statuses.length} responses ${JSON.stringify(tally(outcome.statuses))}, ${outcome.interrupted} requests cut off by the kill`);
  check(outcome.statuses.every((s) => s < 500), `${label}: no 5xx before the kill`, tally(outcome.statuses));
  const problems = await checkDirectoryInvariants(db, directoryId);
  check(problems.length === 0, `${label}: stored data consistent (no half-written user or group, events ⇔ changes)`, problems.slice(0, 10));
  const stored = await db.prisma.scimUser.findMany({ where: { directoryId }, select: { id: true, userName: true } });
  const storedNames = new Set(stored.map((u) => u.userName));
  const lostUsers = [...outcome.ackedUsers].filter((i) => !storedNames.has(`user${i}@contoso.example`));
  check(lostUsers.length === 0, `${label}: every user answered 201 is stored (${outcome.ackedUsers.size} acknowledged, ${stored.length} stored)`, lostUsers.slice(0, 10));
  const members = await db.prisma.scimGroupMember.findMany({ where: { directoryId }, select: { groupId: true, userId: true } });
  const have = new Set(members.map((m) => `${groupIds.indexOf(m.groupId)}:${m.userId}`));
  const lostMembers = [...outcome.ackedMembers].filter((k) => !have.has(k));
  check(lostMembers.length === 0, `${label}: every membership answered 204 is stored (${outcome.ackedMembers.size} acknowledged)`, lostMembers.slice(0, 10));
}

async function scenario(kind: DbKind, cleanup: (fn: () => Promise<unknown> | unknown) => void) {
  section(`kill -9 during an initial sync on ${kind}`);
  const database = await createDatabase(kind, "kill");
  cleanup(() => database.drop());
  const creds = await createCredentials(database, `Kill ${kind}`);
  let server = await startProductionServer({ databaseUrl: database.url });
  cleanup(() => server.stop());
  let token = "";
  const scim = scimClient(() => server.url, () => token);
  const fetchToken = async () => {
    const t = await getToken(server.url, creds.clientId, creds.clientSecret);
    token = t.body.access_token;
  };
  await fetchToken();
  const groupIds: string[] = [];
  for (let g = 0; g <= GROUPS; g++) groupIds.push((await scim("POST", "/Groups", { schemas: [GROUP], displayName: groupName(g) })).body.id);

  // Round 1: the initial sync, killed somewhere between 20% and 60% of its requests.
  const total = USERS * 3;
  const killAt1 = Math.floor(total * (0.2 + Math.random() * 0.4));
  const first = await runSync({ scim, groupIds, server, killAfter: killAt1, entraStyle: false });
  check(!server.alive(), `killed after ${killAt1} of ~${total} responses`);
  await checkAfterKill(database, creds.directoryId, first, groupIds, "after the first kill");

  // Round 2: restart, retry the way Entra does, and kill again part-way.
  server = await startProductionServer({ databaseUrl: database.url, port: server.port });
  await fetchToken();
  // Land the second kill among the creates still to do: an existing user costs 3 responses (lookup,
  // 2 PATCHes), a missing one 4 (lookup, POST, 2 PATCHes).
  const existing = await database.db.prisma.scimUser.count({ where: { directoryId: creds.directoryId } });
  const killAt2 = existing * 3 + Math.floor((USERS - existing) * 4 * (0.2 + Math.random() * 0.4));
  const second = await runSync({ scim, groupIds, server, killAfter: killAt2, entraStyle: true });
  check(!server.alive(), `killed again after ${killAt2} responses of the retry`);
  await checkAfterKill(database, creds.directoryId, second, groupIds, "after the second kill");

  // Round 3: restart and retry to the end: exactly the expected directory.
  server = await startProductionServer({ databaseUrl: database.url, port: server.port });
  await fetchToken();
  const third = await runSync({ scim, groupIds, server, entraStyle: true });
  console.log(`  final retry: ${third.statuses.length} responses ${JSON.stringify(tally(third.statuses))}`);
  check(third.interrupted === 0 && third.statuses.every((s) => s < 500), "final retry: every request answered, no 5xx", tally(third.statuses));
  const db = database.db;
  const users = await db.prisma.scimUser.findMany({ where: { directoryId: creds.directoryId }, include: { emails: { orderBy: { position: "asc" } } } });
  check(users.length === USERS, `exactly ${USERS} users stored`, users.length);
  const wrong = users.filter((u) => {
    const i = Number(/^user(\d+)@/.exec(u.userName)?.[1]);
    const want = userBody(i);
    return u.externalId !== want.externalId || u.displayName !== want.displayName || JSON.stringify(u.emails.map((e) => [e.value, e.type, e.primary])) !== JSON.stringify(want.emails.map((e) => [e.value, e.type, e.primary ?? false]));
  });
  check(wrong.length === 0, "every user holds exactly what was sent", wrong.slice(0, 5).map((u) => u.userName));
  const byName = new Map(users.map((u) => [u.userName, u.id]));
  for (let g = 0; g <= GROUPS; g++) {
    const expected = Array.from({ length: USERS }, (_, i) => i)
      .filter((i) => groupsOf(i).includes(g))
      .map((i) => byName.get(`user${i}@contoso.example`))
      .sort();
    const rows = (await db.prisma.scimGroupMember.findMany({ where: { groupId: groupIds[g] }, select: { userId: true } })).map((m) => m.userId).sort();
    const group = await db.prisma.scimGroup.findUnique({ where: { id: groupIds[g] } });
    check(JSON.stringify(rows) === JSON.stringify(expected) && group?.memberCount === expected.length, `${groupName(g)}: exactly its ${expected.length} members, memberCount ${group?.memberCount}`, { rows: rows.length });
  }
  const problems = await checkDirectoryInvariants(db, creds.directoryId);
  check(problems.length === 0, "final state consistent", problems.slice(0, 10));
  check((await db.prisma.scimGroup.count({ where: { directoryId: creds.directoryId } })) === GROUPS + 1, "no duplicate groups");
  await server.stop();
}

runScript("kill-recovery", async (cleanup) => {
  const kinds = (process.env.RELIABILITY_DATABASES ?? "sqlite,postgresql").split(",") as DbKind[];
  for (const kind of kinds) await scenario(kind, cleanup);
});
