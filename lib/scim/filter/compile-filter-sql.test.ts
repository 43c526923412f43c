// The compiler knows no tables of its own: everything it names comes from the storage map it is
// given. Roster's own map, and the filters run against the migrated schema, are tested in
// lib/provisioning/attribute-storage.db.test.ts.
import { describe, expect, it } from "vitest";
import { compileFilterSql, compileSortSql, type SqlDialect } from "./compile-filter-sql";
import { parseFilter } from "./parse-filter";
import type { ResourceStorage } from "./storage-map";

/** Another application's tables. */
const STORAGE: ResourceStorage = {
  idColumn: "pk",
  scopeColumn: "tenant",
  columns: { userName: { column: "login", lowerCased: true }, title: { column: "job_title", nullable: true } },
  resource: "doc",
  elementTables: {
    emails: { table: "mail", owner: "person", subAttributes: { value: { column: "address" } }, order: [{ column: "rank" }] },
  },
};

function compile(filter: string, dialect: SqlDialect, directoryId?: string) {
  const values: unknown[] = [];
  const params = { add: (value: unknown) => (values.push(value), dialect === "sqlite" ? "?" : `$${values.length}`) };
  const plan = { selectiveSubquery: false };
  const { sql } = compileFilterSql(parseFilter(filter), { resourceType: "User", storage: STORAGE, dialect, alias: "p", params, directoryId, plan });
  return { sql, values, selective: plan.selectiveSubquery };
}

describe("compileFilterSql over a storage map", () => {
  it("uses the map's columns, lower-cased or not", () => {
    expect(compile('userName eq "BJensen"', "sqlite")).toEqual({ sql: `(p."login" = ?)`, values: ["bjensen"], selective: false });
    expect(compile('title sw "Tour"', "postgresql").sql).toBe(`(p."job_title" IS NOT NULL AND lower(p."job_title") LIKE $1 ESCAPE '\\')`);
  });

  it("reads everything else from the map's JSON column", () => {
    expect(compile('nickName eq "Babs"', "postgresql").sql).toBe(`((p."doc" ->> 'nickName') IS NOT NULL AND lower((p."doc" ->> 'nickName')) = $1)`);
  });

  it("matches element tables by owner and tenant", () => {
    expect(compile('emails.value eq "A@X.com"', "sqlite", "t-1")).toEqual({
      sql: `p."pk" IN (SELECT scim_f1."person" FROM "mail" scim_f1 WHERE scim_f1."tenant" = ? AND (lower(scim_f1."address") = ?))`,
      values: ["t-1", "a@x.com"],
      selective: true,
    });
    expect(compile('emails.value eq "a"', "postgresql").sql).toBe(
      `EXISTS (SELECT 1 FROM "mail" scim_f1 WHERE scim_f1."person" = p."pk" AND scim_f1."tenant" = p."tenant" AND (lower(scim_f1."address") = $1))`,
    );
    expect(compileSortSql("emails", { resourceType: "User", storage: STORAGE, dialect: "sqlite", alias: "p" })).toBe(
      `(SELECT lower(scim_f1."address") FROM "mail" scim_f1 WHERE scim_f1."person" = p."pk" AND scim_f1."tenant" = p."tenant" ORDER BY scim_f1."rank" ASC LIMIT 1)`,
    );
  });

  it("refuses what the map does not store", () => {
    expect(() => compile('emails.type eq "work"', "sqlite")).toThrow(/"emails.type" is not supported/);
    expect(() => compile('profileField_city eq "x"', "sqlite")).toThrow(/not supported/);
  });
});
