// compileFilterSql and compileSortSql over Roster's attribute storage: the SQL they write for the
// hot lookups, their errors, and what they select from the fixtures in the migrated schema of both
// databases (the same cases as the in-memory evaluator's tests).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScimError } from "@/lib/scim/errors";
import { SCHEMA_ENTERPRISE_USER } from "@/lib/scim/schema";
import { compileFilterSql, compileSortSql, sortDirectionSql, type SqlDialect } from "@/lib/scim/filter/compile-filter-sql";
import { GROUP_CASES, USER_CASES } from "@/lib/scim/filter/filter-test-fixtures";
import { parseFilter } from "@/lib/scim/filter/parse-filter";
import { ATTRIBUTE_STORAGE } from "./attribute-storage";
import { openFixtureDatabase, type FixtureDatabase } from "@/tests/support/filter-test-database";
import { SqlParams } from "@/lib/db/sql";

type ResourceType = "User" | "Group";
const storage = (resourceType: ResourceType, dialect: SqlDialect, alias: string) => ({ resourceType, storage: ATTRIBUTE_STORAGE[resourceType], dialect, alias });
const sortSql = (sortBy: string, resourceType: ResourceType, dialect: SqlDialect, alias: string) => compileSortSql(sortBy, storage(resourceType, dialect, alias));

const compile = (filter: string, dialect: SqlDialect, resourceType: ResourceType = "User", preset: unknown[] = []) => {
  const params = new SqlParams(dialect);
  for (const value of preset) params.add(value);
  return { ...compileFilterSql(parseFilter(filter), { ...storage(resourceType, dialect, "u"), params }), params: params.values };
};

/** Matches a thrown ScimError with this status and scimType (and detail). */
const scimError = (scimType: string, message: RegExp = /./) => expect.objectContaining({ name: ScimError.name, status: 400, scimType, message: expect.stringMatching(message) });

describe("compileFilterSql: SQL text", () => {
  it("uses the lower-cased userNameKey column (its unique index) with a lower-cased parameter", () => {
    expect(compile('userName eq "BJensen"', "sqlite")).toEqual({
      sql: `(u."userNameKey" IS NOT NULL AND u."userNameKey" = ?)`,
      params: ["bjensen"],
    });
    expect(compile('userName eq "BJensen"', "postgresql").sql).toBe(`(u."userNameKey" IS NOT NULL AND u."userNameKey" = $1)`);
  });

  it("numbers PostgreSQL placeholders after parameters already in the array", () => {
    const { sql, params } = compile('externalId eq "a" or displayName eq "b"', "postgresql", "Group", ["dir-1", 5]);
    expect(sql).toBe(`((u."externalId" IS NOT NULL AND u."externalId" = $3) OR (u."displayNameKey" = $4))`);
    expect(params).toEqual(["dir-1", 5, "a", "b"]);
  });

  it("compares caseExact attributes without lower()", () => {
    expect(compile('id eq "AbC"', "sqlite")).toEqual({ sql: `(u."id" = ?)`, params: ["AbC"] });
  });

  it("keeps user values out of the SQL text", () => {
    const hostile = `x'); DROP TABLE "ScimUser"; --`;
    for (const dialect of ["sqlite", "postgresql"] as const) {
      for (const filter of [`title eq ${JSON.stringify(hostile)}`, `emails[type co ${JSON.stringify(hostile)}]`, `externalId ew ${JSON.stringify(hostile)}`]) {
        const { sql, params } = compile(filter, dialect);
        expect(sql).not.toContain("DROP");
        expect(params.join("").toUpperCase()).toContain("DROP");
      }
    }
  });

  it("quotes extension URN keys in JSON paths", () => {
    const filter = `${SCHEMA_ENTERPRISE_USER}:employeeNumber eq "1"`;
    expect(compile(filter, "sqlite").sql).toContain(`json_extract(u."resource", '$."${SCHEMA_ENTERPRISE_USER}"."employeeNumber"')`);
    expect(compile(filter, "postgresql").sql).toContain(`(u."resource" -> '${SCHEMA_ENTERPRISE_USER}' ->> 'employeeNumber')`);
  });

  it("reads profile fields from the profileFields column, keyed by the name after the prefix", () => {
    const custom = 'urn:ietf:params:scim:schemas:extension:CustomExt:2.0:User:profileField_city eq "X"';
    expect(compile(custom, "sqlite").sql).toContain(`json_extract(u."profileFields", '$."city"')`);
    expect(compile("profileField_home-town pr", "postgresql").sql).toContain(`(u."profileFields" -> 'home-town')`);
  });

  it("filters emails through the indexed ScimUserEmail table", () => {
    expect(compile('emails.value eq "A@X.com"', "sqlite")).toEqual({
      sql: `EXISTS (SELECT 1 FROM "ScimUserEmail" scim_f1 WHERE scim_f1."userId" = u."id" AND scim_f1."directoryId" = u."directoryId" AND (scim_f1."valueKey" = ?))`,
      params: ["a@x.com"],
    });
  });

  // The lookups identity providers make on every sync (Entra, Okta): each must stay on its index —
  // ScimUser (directoryId, userNameKey) and (directoryId, externalId), ScimUserEmail (directoryId,
  // valueKey), ScimGroup (directoryId, displayNameKey) — as list-query.ts runs them (directory-scoped).
  it.each([
    ["User", 'userName eq "AlexW@Contoso.com"', `(r."userNameKey" IS NOT NULL AND r."userNameKey" = $2)`, ["dir-1", "alexw@contoso.com"], false],
    ["User", 'externalId eq "AlexW"', `(r."externalId" IS NOT NULL AND r."externalId" = $2)`, ["dir-1", "AlexW"], false],
    [
      "User",
      'emails.value eq "A@X.com"',
      `r."id" IN (SELECT scim_f1."userId" FROM "ScimUserEmail" scim_f1 WHERE scim_f1."directoryId" = $2 AND (scim_f1."valueKey" = $3))`,
      ["dir-1", "dir-1", "a@x.com"],
      true,
    ],
    ["Group", 'displayName eq "Sales"', `(r."displayNameKey" = $2)`, ["dir-1", "sales"], false],
    ["Group", 'externalId eq "g1"', `(r."externalId" IS NOT NULL AND r."externalId" = $2)`, ["dir-1", "g1"], false],
  ] as const)("%s: %s uses its index", (resourceType, filter, sql, values, selective) => {
    const params = new SqlParams("postgresql");
    params.add("dir-1");
    const plan = { selectiveSubquery: false };
    expect(compileFilterSql(parseFilter(filter), { ...storage(resourceType, "postgresql", "r"), params, directoryId: "dir-1", plan }).sql).toBe(sql);
    expect(params.values).toEqual(values);
    expect(plan.selectiveSubquery).toBe(selective);
  });

  it("escapes LIKE wildcards in co/sw/ew values", () => {
    expect(compile('title co "50%_off\\\\"', "postgresql")).toEqual({
      sql: `((u."resource" ->> 'title') IS NOT NULL AND lower((u."resource" ->> 'title')) LIKE $1 ESCAPE '\\')`,
      params: ["%50\\%\\_off\\\\%"],
    });
  });

  it("avoids LIKE for caseExact substring tests in SQLite (its LIKE ignores ASCII case)", () => {
    expect(compile('externalId sw "Ab"', "sqlite").sql).toBe(`(u."externalId" IS NOT NULL AND instr(u."externalId", ?) = 1)`);
    expect(compile('externalId co "Ab"', "postgresql").sql).toBe(`(u."externalId" IS NOT NULL AND u."externalId" LIKE $1 ESCAPE '\\')`);
  });

  it("binds booleans as 1/0 for SQLite and as booleans for PostgreSQL", () => {
    expect(compile("active eq true", "sqlite")).toEqual({ sql: `(u."active" = ?)`, params: [1] });
    expect(compile("active eq false", "postgresql")).toEqual({ sql: `(u."active" = $1)`, params: [false] });
  });

  it("binds dateTimes as Date objects", () => {
    const { sql, params } = compile('meta.lastModified gt "2011-05-13T04:42:34+02:00"', "postgresql");
    expect(sql).toBe(`(u."updatedAt" > $1)`);
    expect(params).toEqual([new Date("2011-05-13T02:42:34Z")]);
  });

  it("compiles ne and not as NOT over a NULL-guarded comparison, so absent values match", () => {
    expect(compile('title ne "x"', "sqlite").sql).toBe(
      `(NOT (json_extract(u."resource", '$."title"') IS NOT NULL AND lower(json_extract(u."resource", '$."title"')) = ?))`,
    );
  });

  it("flattens long and/or chains instead of nesting them", () => {
    const chain = Array.from({ length: 300 }, (_, i) => `id eq ${i}`).join(" or ");
    const { sql } = compile(chain, "sqlite");
    expect(sql.startsWith(`((u."id" = ?) OR (u."id" = ?) OR`)).toBe(true);
    expect(sql.match(/\(\(/g)?.length).toBe(1);
  });

  it("folds meta.resourceType to a constant", () => {
    expect(compile('meta.resourceType eq "User"', "sqlite")).toEqual({ sql: "(1 = 1)", params: [] });
    expect(compile('meta.resourceType eq "User"', "postgresql", "Group")).toEqual({ sql: "(1 = 0)", params: [] });
  });

  it("rejects an unsafe alias (a programming error, not a client error)", () => {
    expect(() => compileFilterSql(parseFilter("title pr"), { ...storage("User", "sqlite", "u; --"), params: new SqlParams("sqlite") })).toThrowError(
      /unsafe table alias/,
    );
  });
});

describe("compileFilterSql: errors are ScimError 400 invalidFilter", () => {
  it.each([
    ["User", 'nonsense eq "x"', /Unknown attribute "nonsense" for resource type User/],
    ["Group", 'userName eq "x"', /Unknown attribute "userName" for resource type Group/],
    ["Group", 'members.display eq "x"', /"members.display" is not supported/],
    ["Group", 'members[display eq "x"]', /"members.display" is not supported/],
    ["Group", 'members.$ref eq "x"', /"members.\$ref" is not supported/],
    ["User", 'groups.display eq "x"', /"groups.display" is not supported/],
    ["User", 'meta.version eq "x"', /"meta.version" is not supported/],
    ["User", 'meta.location eq "x"', /"meta.location" is not supported/],
    ["User", "meta[created pr]", /not supported/],
    ["User", "active lt true", /only eq and ne/],
    ["User", 'meta.created gt "not a date"', /xsd:dateTime/],
    ["User", 'password eq "x"', /cannot be used/],
    ["User", 'profileField_city.x eq "x"', /no sub-attributes/],
    ["Group", 'profileField_city eq "x"', /Unknown attribute/],
  ] as const)("%s: %s", (type, filter, message) => {
    for (const dialect of ["sqlite", "postgresql"] as const) {
      expect(() => compile(filter, dialect, type)).toThrow(scimError("invalidFilter", message));
    }
  });
});

describe("compileSortSql", () => {
  it.each([
    ["userName", "sqlite", `u."userNameKey"`],
    ["externalId", "sqlite", `u."externalId"`],
    ["meta.created", "postgresql", `u."createdAt"`],
    ["name.familyName", "sqlite", `lower(json_extract(u."resource", '$."name"."familyName"'))`],
    ["name.familyName", "postgresql", `lower((u."resource" -> 'name' ->> 'familyName')) COLLATE "C"`],
  ] as const)("%s (%s) → %s", (sortBy, dialect, expected) => {
    expect(sortSql(sortBy, "User", dialect, "u")).toBe(expected);
  });

  it.each(["nonsense", "name", "meta", "password", "members", "emails[type eq \"work\"]", "", "groups.display"])(
    "rejects sortBy=%j with 400 invalidValue",
    (sortBy) => {
      expect(() => sortSql(sortBy, "User", "sqlite", "u")).toThrow(scimError("invalidValue"));
    },
  );

  it("gives the RFC 7644 §3.4.2.3 null placement", () => {
    expect(sortDirectionSql("ascending")).toBe("ASC NULLS LAST");
    expect(sortDirectionSql(undefined)).toBe("ASC NULLS LAST");
    expect(sortDirectionSql("descending")).toBe("DESC NULLS FIRST");
  });
});

// ---------------------------------------------------------------------------------------------
// Running the SQL: the same table as the in-memory evaluator, on both databases.
// ---------------------------------------------------------------------------------------------

const SORT_CASES: { type: ResourceType; sortBy: string; order: "ascending" | "descending"; expected: string[] }[] = [
  { type: "User", sortBy: "userName", order: "ascending", expected: ["u-entra", "u-bjensen", "u-omalley", "u-roles", "u-sparse", "u-unicode"] },
  { type: "User", sortBy: "name.familyName", order: "ascending", expected: ["u-bjensen", "u-omalley", "u-entra", "u-roles", "u-sparse", "u-unicode"] },
  { type: "User", sortBy: "name.familyName", order: "descending", expected: ["u-unicode", "u-sparse", "u-roles", "u-entra", "u-omalley", "u-bjensen"] },
  { type: "User", sortBy: "emails", order: "ascending", expected: ["u-entra", "u-bjensen", "u-unicode", "u-omalley", "u-roles", "u-sparse"] },
  { type: "User", sortBy: "phoneNumbers.type", order: "ascending", expected: ["u-entra", "u-bjensen", "u-omalley", "u-roles", "u-sparse", "u-unicode"] },
  { type: "User", sortBy: "meta.created", order: "descending", expected: ["u-unicode", "u-roles", "u-sparse", "u-entra", "u-omalley", "u-bjensen"] },
  { type: "User", sortBy: "externalId", order: "ascending", expected: ["u-bjensen", "u-entra", "u-roles", "u-omalley", "u-sparse", "u-unicode"] },
  { type: "User", sortBy: `${SCHEMA_ENTERPRISE_USER}:employeeNumber`, order: "ascending", expected: ["u-omalley", "u-bjensen", "u-entra", "u-roles", "u-sparse", "u-unicode"] },
  { type: "User", sortBy: "active", order: "ascending", expected: ["u-omalley", "u-roles", "u-bjensen", "u-entra", "u-sparse", "u-unicode"] },
  { type: "User", sortBy: "meta.resourceType", order: "ascending", expected: ["u-bjensen", "u-entra", "u-omalley", "u-roles", "u-sparse", "u-unicode"] },
  { type: "Group", sortBy: "displayName", order: "ascending", expected: ["g-eng", "g-a", "g-b"] },
    // First member (by time added): g-a → u-bjensen, g-eng → u-omalley; g-b has none (first when descending).
  { type: "Group", sortBy: "members", order: "descending", expected: ["g-b", "g-eng", "g-a"] },
];

describe.each(["sqlite", "postgresql"] as const)("compileFilterSql on %s (migrated schema)", (dialect) => {
  let db: FixtureDatabase;
  beforeAll(async () => {
    db = await openFixtureDatabase(dialect);
  });
  afterAll(async () => {
    await db?.close();
  });

  const run = (type: ResourceType, filter: string) => {
    const params = new SqlParams(dialect);
    const { sql } = compileFilterSql(parseFilter(filter), { ...storage(type, dialect, "r"), params });
    return db.ids(type, sql, params);
  };

  it.each(USER_CASES)("User [$source] $filter", async ({ filter, expected }) => {
    expect(await run("User", filter)).toEqual([...expected].sort());
  });

  it.each(GROUP_CASES)("Group [$source] $filter", async ({ filter, expected }) => {
    expect(await run("Group", filter)).toEqual([...expected].sort());
  });

  it("treats quotes, backslashes and LIKE wildcards in values as data", async () => {
    for (const value of [`'); DROP TABLE "ScimUser"; --`, `\\`, `%`, `_`, `"`, `\u00e9\u0301`, "😀"]) {
      const filter = `title co ${JSON.stringify(value)} or externalId ew ${JSON.stringify(value)} or emails[type sw ${JSON.stringify(value)}]`;
      expect(await run("User", filter)).toEqual([]);
    }
    expect(await run("User", 'userName eq "bjensen"')).toEqual(["u-bjensen"]);
  });

  it("runs a 300-term or-chain", async () => {
    const filter = Array.from({ length: 300 }, (_, i) => `id eq ${i}`).join(" or ") + ' or id eq "u-roles"';
    expect(await run("User", filter)).toEqual(["u-roles"]);
  });

  it("numbers placeholders after the caller's parameters", async () => {
    const params = new SqlParams(dialect);
    params.add("ignored");
    const { sql } = compileFilterSql(parseFilter('userName eq "momalley"'), { ...storage("User", dialect, "r"), params });
    const placeholder = dialect === "sqlite" ? "?" : "CAST($1 AS text)";
    expect(await db.ids("User", `${placeholder} IS NOT NULL AND ${sql}`, params)).toEqual(["u-omalley"]);
  });

  it.each(SORT_CASES)("sortBy=$sortBy $order ($type)", async ({ type, sortBy, order, expected }) => {
    const direction = sortDirectionSql(order);
    const orderBy = `${sortSql(sortBy, type, dialect, "r")} ${direction}, r."id" ${order === "descending" ? "DESC" : "ASC"}`;
    expect(await db.ids(type, "1 = 1", new SqlParams(dialect), orderBy)).toEqual(expected);
  });
});
