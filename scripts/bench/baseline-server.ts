// The baseline: a bare node:http server answering the bench's Entra-shaped requests with the least a
// SCIM server must do for each (a bearer check against one constant, one parse, the row writes or the
// indexed read, one serialisation), through the same driver and settings Roster uses (better-sqlite3
// in WAL with synchronous NORMAL; pg with a pool of DATABASE_POOL_SIZE, default 10). No validation,
// schema mapping, events or activity log: a physical-limit proxy that Roster's phases are reported
// against. Run as its own process (like Roster) by scripts/bench/baseline.ts.
//   BASELINE_DB=file:/abs/path.db | postgresql://…   PORT=…
// Answers: POST /api/oauth/token (any credentials), and under /api/scim/v2: GET /Users and /Groups
// with an `eq` filter on userName / displayName, POST /Users, POST /Groups, PATCH /Groups/{id}
// (add members), PATCH /Users/{id} (replace a plain or dotted path). Anything else: 400 or 404.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";

const TABLES = [
  `CREATE TABLE IF NOT EXISTS "BaselineUser" ("id" TEXT NOT NULL PRIMARY KEY, "directoryId" TEXT NOT NULL, "userNameKey" TEXT NOT NULL, "externalId" TEXT, "resource" TEXT NOT NULL, "updatedAt" TEXT NOT NULL)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS "BaselineUser_directory_userNameKey" ON "BaselineUser" ("directoryId", "userNameKey")`,
  `CREATE TABLE IF NOT EXISTS "BaselineGroup" ("id" TEXT NOT NULL PRIMARY KEY, "directoryId" TEXT NOT NULL, "displayNameKey" TEXT NOT NULL, "externalId" TEXT, "resource" TEXT NOT NULL, "updatedAt" TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS "BaselineGroup_directory_displayNameKey" ON "BaselineGroup" ("directoryId", "displayNameKey")`,
  `CREATE TABLE IF NOT EXISTS "BaselineMember" ("groupId" TEXT NOT NULL, "userId" TEXT NOT NULL, PRIMARY KEY ("groupId", "userId"))`,
];
const DIRECTORY = "baseline";
const TOKEN = randomBytes(24).toString("base64url");
const SCIM = "/api/scim/v2";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

type Table = "BaselineUser" | "BaselineGroup";

/** The few statements the baseline needs, one implementation per driver. */
interface Store {
  /** Stored resources whose key (userNameKey / displayNameKey) equals `key`. */
  find(table: Table, key: string): Promise<string[]>;
  /** false when the key is taken. */
  insert(table: Table, row: { id: string; key: string; externalId: string | null; resource: string; now: string }): Promise<boolean>;
  /** Marks the group modified and inserts its new member rows; false when there is no such group. */
  addMembers(groupId: string, userIds: string[], now: string): Promise<boolean>;
  /** Read-modify-write of a user's stored resource; undefined when there is no such user. */
  updateUser(id: string, change: (resource: Record<string, unknown>) => void, now: string): Promise<string | undefined>;
}

const KEY_COLUMN: Record<Table, string> = { BaselineUser: "userNameKey", BaselineGroup: "displayNameKey" };

function openSqlite(file: string): Store {
  const db = new Database(file, { timeout: 10_000 });
  // The same settings Roster gives SQLite (lib/db/client.ts).
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  for (const sql of TABLES) db.exec(sql);
  const finds = {
    BaselineUser: db.prepare(`SELECT "resource" FROM "BaselineUser" WHERE "directoryId" = ? AND "userNameKey" = ?`).pluck(),
    BaselineGroup: db.prepare(`SELECT "resource" FROM "BaselineGroup" WHERE "directoryId" = ? AND "displayNameKey" = ?`).pluck(),
  };
  const inserts = {
    BaselineUser: db.prepare(`INSERT OR IGNORE INTO "BaselineUser" ("id", "directoryId", "userNameKey", "externalId", "resource", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`),
    BaselineGroup: db.prepare(`INSERT INTO "BaselineGroup" ("id", "directoryId", "displayNameKey", "externalId", "resource", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`),
  };
  const touchGroup = db.prepare(`UPDATE "BaselineGroup" SET "updatedAt" = ? WHERE "directoryId" = ? AND "id" = ?`);
  const insertMember = db.prepare(`INSERT OR IGNORE INTO "BaselineMember" ("groupId", "userId") VALUES (?, ?)`);
  const readUser = db.prepare(`SELECT "resource" FROM "BaselineUser" WHERE "directoryId" = ? AND "id" = ?`).pluck();
  const writeUser = db.prepare(`UPDATE "BaselineUser" SET "resource" = ?, "updatedAt" = ? WHERE "directoryId" = ? AND "id" = ?`);
  const addMembers = db.transaction((groupId: string, userIds: string[], now: string) => {
    if (touchGroup.run(now, DIRECTORY, groupId).changes === 0) return false;
    for (const userId of userIds) insertMember.run(groupId, userId);
    return true;
  });
  const updateUser = db.transaction((id: string, change: (r: Record<string, unknown>) => void, now: string) => {
    const stored = readUser.get(DIRECTORY, id) as string | undefined;
    if (stored === undefined) return undefined;
    const resource = JSON.parse(stored) as Record<string, unknown>;
    change(resource);
    const out = JSON.stringify(resource);
    writeUser.run(out, now, DIRECTORY, id);
    return out;
  });
  return {
    find: async (table, key) => finds[table].all(DIRECTORY, key) as string[],
    insert: async (table, r) => (table === "BaselineUser" ? inserts.BaselineUser.run(r.id, DIRECTORY, r.key, r.externalId, r.resource, r.now).changes === 1 : (inserts.BaselineGroup.run(r.id, DIRECTORY, r.key, r.externalId, r.resource, r.now), true)),
    addMembers: async (groupId, userIds, now) => addMembers(groupId, userIds, now),
    updateUser: async (id, change, now) => updateUser(id, change, now),
  };
}

async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  for (const sql of TABLES) await pool.query(sql);
  return {
    find: async (table, key) => (await pool.query<{ resource: string }>(`SELECT "resource" FROM "${table}" WHERE "directoryId" = $1 AND "${KEY_COLUMN[table]}" = $2`, [DIRECTORY, key])).rows.map((r) => r.resource),
    insert: async (table, r) =>
      ((await pool.query(`INSERT INTO "${table}" ("id", "directoryId", "${KEY_COLUMN[table]}", "externalId", "resource", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, [r.id, DIRECTORY, r.key, r.externalId, r.resource, r.now])).rowCount ?? 0) === 1,
    // One round trip: the group's update and its member rows in one statement.
    addMembers: async (groupId, userIds, now) => {
      const res = await pool.query<{ id: string }>(
        `WITH g AS (UPDATE "BaselineGroup" SET "updatedAt" = $3 WHERE "directoryId" = $1 AND "id" = $2 RETURNING "id"),
              m AS (INSERT INTO "BaselineMember" ("groupId", "userId") SELECT g."id", u FROM g, unnest($4::text[]) AS u ON CONFLICT DO NOTHING)
         SELECT "id" FROM g`,
        [DIRECTORY, groupId, now, userIds],
      );
      return res.rows.length === 1;
    },
    // Read then write, without a transaction: Entra never sends two PATCHes for one user at once.
    updateUser: async (id, change, now) => {
      const { rows } = await pool.query<{ resource: string }>(`SELECT "resource" FROM "BaselineUser" WHERE "directoryId" = $1 AND "id" = $2`, [DIRECTORY, id]);
      if (!rows.length) return undefined;
      const resource = JSON.parse(rows[0].resource) as Record<string, unknown>;
      change(resource);
      const out = JSON.stringify(resource);
      await pool.query(`UPDATE "BaselineUser" SET "resource" = $1, "updatedAt" = $2 WHERE "directoryId" = $3 AND "id" = $4`, [out, now, DIRECTORY, id]);
      return out;
    },
  };
}

interface PatchOp {
  op?: string;
  path?: string;
  value?: unknown;
}

/** `replace` of a plain or dotted path (or of attributes, without a path), the shape of Entra's user PATCHes. */
function userChange(ops: PatchOp[]): ((r: Record<string, unknown>) => void) | undefined {
  if (!ops.every((o) => o.op?.toLowerCase() === "replace" && (o.path === undefined || /^[A-Za-z]+(\.[A-Za-z]+)?$/.test(o.path)))) return undefined;
  return (r) => {
    for (const { path, value } of ops) {
      if (!path) Object.assign(r, value);
      else {
        const [head, sub] = path.split(".");
        if (!sub) r[head] = value;
        else r[head] = { ...(r[head] as Record<string, unknown> | undefined), [sub]: value };
      }
    }
  };
}

const eqFilter = /^(\w+) eq "((?:[^"\\]|\\.)*)"$/;

function send(res: http.ServerResponse, status: number, body?: string) {
  if (body === undefined) res.writeHead(status).end();
  else res.writeHead(status, { "content-type": "application/scim+json" }).end(body);
}

async function route(store: Store, method: string, url: URL, body: string, res: http.ServerResponse) {
  const path = url.pathname.slice(SCIM.length);
  const now = new Date().toISOString();
  if (method === "GET" && (path === "/Users" || path === "/Groups")) {
    const m = eqFilter.exec(url.searchParams.get("filter") ?? "");
    const attribute = path === "/Users" ? "userName" : "displayName";
    if (!m || m[1] !== attribute) return send(res, 400, '{"status":"400","scimType":"invalidFilter"}');
    const found = await store.find(path === "/Users" ? "BaselineUser" : "BaselineGroup", JSON.parse(`"${m[2]}"`).toLowerCase());
    return send(res, 200, `{"schemas":["${LIST}"],"totalResults":${found.length},"startIndex":1,"itemsPerPage":${found.length},"Resources":[${found.join(",")}]}`);
  }
  if (method === "POST" && (path === "/Users" || path === "/Groups")) {
    const input = JSON.parse(body) as Record<string, unknown>;
    const isUser = path === "/Users";
    const key = String(isUser ? input.userName : input.displayName);
    const id = randomUUID();
    const resource = JSON.stringify({ ...input, id, meta: { resourceType: isUser ? "User" : "Group", created: now, lastModified: now, location: `${SCIM}${path}/${id}` } });
    const externalId = typeof input.externalId === "string" ? input.externalId : null;
    const inserted = await store.insert(isUser ? "BaselineUser" : "BaselineGroup", { id, key: key.toLowerCase(), externalId, resource, now });
    return inserted ? send(res, 201, resource) : send(res, 409, '{"status":"409","scimType":"uniqueness"}');
  }
  const item = /^\/(Users|Groups)\/([^/]+)$/.exec(path);
  if (method === "PATCH" && item) {
    const ops = ((JSON.parse(body) as { Operations?: PatchOp[] }).Operations ?? []) as PatchOp[];
    if (item[1] === "Groups") {
      if (!ops.every((o) => o.op?.toLowerCase() === "add" && o.path === "members" && Array.isArray(o.value))) return send(res, 400, '{"status":"400","scimType":"invalidValue"}');
      const userIds = ops.flatMap((o) => (o.value as { value: string }[]).map((v) => v.value));
      return send(res, (await store.addMembers(item[2], userIds, now)) ? 204 : 404);
    }
    const change = userChange(ops);
    if (!change) return send(res, 400, '{"status":"400","scimType":"invalidPath"}');
    const updated = await store.updateUser(item[2], change, now);
    return updated === undefined ? send(res, 404) : send(res, 200, updated);
  }
  return send(res, 404);
}

async function main() {
  const dbUrl = process.env.BASELINE_DB;
  if (!dbUrl) throw new Error("BASELINE_DB is required");
  const store = dbUrl.startsWith("file:") ? openSqlite(dbUrl.slice("file:".length)) : await openPostgres(dbUrl);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://baseline");
    if (req.method === "GET" && url.pathname === "/health") return void res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    if (req.method === "POST" && url.pathname === "/api/oauth/token") {
      req.resume();
      return void res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify({ access_token: TOKEN, token_type: "Bearer", expires_in: 3600 }));
    }
    if (!url.pathname.startsWith(`${SCIM}/`)) return void send(res, 404);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      req.resume();
      return void send(res, 401);
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      route(store, req.method ?? "GET", url, Buffer.concat(chunks).toString("utf8"), res).catch((e: Error) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end(e.message);
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT), "127.0.0.1");
}

main().catch((e: Error) => {
  console.error(`[baseline] ${e.message}`);
  process.exit(1);
});
