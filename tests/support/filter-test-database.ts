// The filter fixtures (lib/scim/filter/filter-test-fixtures.ts) stored in a freshly migrated database
// of either kind, for running compiled filters and sorts against the real schema. Rows are plain
// inserts rather than provisioning calls: the fixtures keep ids the cases name (u-bjensen) and
// malformed values (phoneNumbers as an object) that provisioning would normalise away.
import type { DbKind, SqlExecutor } from "@/lib/db/client";
import { insertInto, SqlParams } from "@/lib/db/sql";
import { FIXTURE_DIRECTORY, GROUPS, USERS } from "@/lib/scim/filter/filter-test-fixtures";
import { createFreshDatabase } from "./fresh-database";

export interface FixtureDatabase {
  dialect: DbKind;
  /** `SELECT id FROM <table> r WHERE r.directoryId = <fixture directory> AND (<where>) ORDER BY <orderBy>`. */
  ids(type: "User" | "Group", where: string, params: SqlParams, orderBy?: string): Promise<string[]>;
  close(): Promise<void>;
}

const TABLE: Record<"User" | "Group", string> = { User: "ScimUser", Group: "ScimGroup" };

/** As lib/scim/resource/normalize-user.ts stores it: without `schemas` (rebuilt on output). */
function storedResource(resource: Record<string, unknown>): Record<string, unknown> {
  const { schemas: _schemas, ...rest } = resource;
  return rest;
}

async function insert(sql: SqlExecutor, table: string, row: (p: SqlParams) => Record<string, string>) {
  const params = new SqlParams(sql.kind);
  await sql.execute(insertInto(table, row(params)), params.values);
}

async function seed(sql: SqlExecutor) {
  const created = new Date("2000-01-01T00:00:00Z");
  await insert(sql, "Directory", (p) => ({ id: p.add(FIXTURE_DIRECTORY), name: p.add("Filter fixtures"), createdAt: p.add(created), updatedAt: p.add(created) }));
  for (const u of USERS) {
    const r = u.resource as { userName: string; externalId?: string; displayName?: string; active?: boolean; emails?: unknown };
    await insert(sql, "ScimUser", (p) => ({
      id: p.add(u.id),
      directoryId: p.add(FIXTURE_DIRECTORY),
      userName: p.add(r.userName),
      userNameKey: p.add(r.userName.toLowerCase()),
      externalId: p.add(r.externalId ?? null),
      displayName: p.add(r.displayName ?? null),
      active: p.bool(r.active ?? true),
      resource: p.json(storedResource(u.resource)),
      profileFields: p.json(u.profileFields ?? {}),
      profileFieldsSchema: p.add(u.profileFieldsUnder ?? null),
      createdAt: p.add(new Date(u.created)),
      updatedAt: p.add(new Date(u.lastModified)),
    }));
    const emails = Array.isArray(r.emails) ? (r.emails as { value: string; type?: string; primary?: boolean }[]) : [];
    for (const [position, e] of emails.entries()) {
      await insert(sql, "ScimUserEmail", (p) => ({
        id: p.add(`${u.id}-e${position}`),
        directoryId: p.add(FIXTURE_DIRECTORY),
        userId: p.add(u.id),
        position: p.add(position),
        value: p.add(e.value),
        valueKey: p.add(e.value.toLowerCase()),
        type: p.add(e.type ?? null),
        primary: p.bool(e.primary ?? false),
      }));
    }
  }
  for (const g of GROUPS) {
    await insert(sql, "ScimGroup", (p) => ({
      id: p.add(g.id),
      directoryId: p.add(FIXTURE_DIRECTORY),
      displayName: p.add(g.displayName),
      displayNameKey: p.add(g.displayName.toLowerCase()),
      externalId: p.add(g.externalId ?? null),
      resource: p.json({}),
      memberCount: p.add(g.members.length),
      createdAt: p.add(new Date(g.created)),
      updatedAt: p.add(new Date(g.created)),
    }));
    for (const [i, userId] of g.members.entries()) {
      const added = new Date(Date.parse(g.created) + i * 1000);
      await insert(sql, "ScimGroupMember", (p) => ({ directoryId: p.add(FIXTURE_DIRECTORY), groupId: p.add(g.id), userId: p.add(userId), createdAt: p.add(added) }));
    }
  }
}

/** A freshly migrated database of `kind` holding the fixtures; close() drops it. */
export async function openFixtureDatabase(kind: DbKind): Promise<FixtureDatabase> {
  const fresh = await createFreshDatabase(kind, "filter");
  try {
    // Connected through Prisma too, so that drop()'s $disconnect ends the pool the driver shares
    // (a pool left open loses its connections to DROP DATABASE … WITH (FORCE) as unhandled errors).
    await fresh.db.prisma.$connect();
    const sql = fresh.db.sql;
    await seed(sql);
    return {
      dialect: kind,
      async ids(type, where, params, orderBy) {
        const text = `SELECT r."id" AS id FROM "${TABLE[type]}" r WHERE r."directoryId" = '${FIXTURE_DIRECTORY}' AND (${where}) ORDER BY ${orderBy ?? `r."id" ASC`}`;
        return (await sql.query<{ id: string }>(text, params.values)).map((r) => r.id);
      },
      close: () => fresh.drop(),
    };
  } catch (e) {
    await fresh.drop();
    throw e;
  }
}
