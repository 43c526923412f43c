import { describe, expect, it } from "vitest";
import { classifyDbError, isTransientDbError, type DbErrorKind } from "./errors";

// Shapes as they arrive: Prisma errors (code + meta.driverAdapterError.cause), driver-adapter errors
// (cause.kind / originalCode), and the raw better-sqlite3 and pg errors the plain SQL driver throws.
const prismaAdapter = (cause: object) => Object.assign(new Error("adapter error"), { meta: { driverAdapterError: { cause } } });
const cases: [string, unknown, DbErrorKind][] = [
  ["Prisma P2002", Object.assign(new Error("Unique constraint failed"), { code: "P2002" }), "unique"],
  ["adapter UniqueConstraintViolation", prismaAdapter({ kind: "UniqueConstraintViolation" }), "unique"],
  ["better-sqlite3 unique", Object.assign(new Error("UNIQUE constraint failed: ScimUser.directoryId, ScimUser.userNameKey"), { code: "SQLITE_CONSTRAINT_UNIQUE" }), "unique"],
  ["pg 23505", Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: "23505" }), "unique"],
  ["pg 54000", Object.assign(new Error("index row size 3000 exceeds btree version 4 maximum 2704"), { code: "54000" }), "valueTooLarge"],
  ["better-sqlite3 SQLITE_FULL", Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }), "storageFull"],
  ["adapter SQLITE_IOERR_WRITE", prismaAdapter({ originalCode: "SQLITE_IOERR_WRITE", originalMessage: "disk I/O error" }), "storageFull"],
  ["pg 53100", Object.assign(new Error("could not extend file"), { code: "53100" }), "storageFull"],
  ["better-sqlite3 SQLITE_BUSY", Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }), "conflict"],
  ["Prisma P2034", Object.assign(new Error("Transaction failed due to a write conflict"), { code: "P2034" }), "conflict"],
  ["pg 40001", Object.assign(new Error("could not serialize access due to concurrent update"), { code: "40001" }), "conflict"],
  ["pg 40P01", Object.assign(new Error("deadlock detected"), { code: "40P01" }), "conflict"],
  ["Prisma P1001", Object.assign(new Error("Can't reach database server"), { code: "P1001" }), "unavailable"],
  ["adapter DatabaseNotReachable", prismaAdapter({ kind: "DatabaseNotReachable" }), "unavailable"],
  ["pg ECONNREFUSED", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), "unavailable"],
  ["pg 57P01", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }), "unavailable"],
  ["pool timeout", new Error("timeout exceeded when trying to connect"), "unavailable"],
  ["a bug", new TypeError("Cannot read properties of undefined"), "other"],
  ["not an error", "oops", "other"],
  ["nothing", undefined, "other"],
];

describe("classifyDbError", () => {
  it.each(cases)("%s", (_name, error, kind) => {
    expect(classifyDbError(error)).toBe(kind);
    expect(isTransientDbError(error)).toBe(kind === "conflict" || kind === "unavailable" || kind === "storageFull");
  });
});
