// The one error table: every row in each protocol's own shape, protocol errors passed through as
// thrown, transient database failures as 503 + Retry-After, and nothing of an unknown error leaking.
import { logger } from "@/lib/logging/logger";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BearerAuthError } from "@/lib/oauth/authenticate-bearer";
import { OAuthError } from "@/lib/oauth/oauth-error";
import { ScimError } from "@/lib/scim/errors";
import { SCHEMA_ERROR } from "@/lib/scim/schema";
import { ApiError, FAILURES, failureFor, render, type FailureCode } from "./machine-errors";

const ID = "0b5e4a8e-0000-4000-8000-000000000000";

afterEach(() => vi.restoreAllMocks());

describe("render: one row of the table, three shapes", () => {
  it.each(Object.keys(FAILURES) as FailureCode[])("%s", (code) => {
    const row = FAILURES[code];
    const scim = render("scim", code, "said");
    expect(scim.status).toBe(row.status);
    expect(scim.body).toEqual({ schemas: [SCHEMA_ERROR], status: String(row.status), ...(row.scimType ? { scimType: row.scimType } : {}), detail: "said" });
    expect(render("oauth", code, "said").body).toEqual({ error: row.oauth, error_description: "said" });
    expect(render("v1", code, "said").body).toEqual({ error: { code, message: "said" } });
    expect(scim.serverSide).toBe(row.status >= 500);
  });
});

describe("failureFor", () => {
  it("passes a protocol's own error through as thrown, headers included", () => {
    const scim = failureFor("scim", new ScimError(412, "version mismatch", undefined, { ETag: 'W/"2"' }), ID);
    expect(scim).toMatchObject({ status: 412, body: { status: "412", detail: "version mismatch" }, headers: { ETag: 'W/"2"' } });
    const oauth = failureFor("oauth", new OAuthError("invalid_scope", "no such scope"), ID);
    expect(oauth).toMatchObject({ status: 400, body: { error: "invalid_scope", error_description: "no such scope" } });
  });

  it("renders another protocol's error by its status in the current protocol's shape", () => {
    expect(failureFor("v1", new ScimError(404, "User x not found"), ID)).toMatchObject({ status: 404, body: { error: { code: "not_found", message: "User x not found" } } });
    expect(failureFor("v1", new ScimError(409, "taken", "uniqueness"), ID)).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
  });

  it("renders an ApiError in every protocol", () => {
    const gone = new ApiError("gone", "The cursor has expired");
    expect(failureFor("v1", gone, ID)).toMatchObject({ status: 410, body: { error: { code: "gone", message: "The cursor has expired" } } });
    expect(failureFor("scim", gone, ID)).toMatchObject({ status: 410, body: { detail: "The cursor has expired" } });
  });

  it("answers a bearer failure 401 with its challenge (RFC 6750 §3)", () => {
    const e = new BearerAuthError("The access token is invalid", 'Bearer realm="roster", error="invalid_token"');
    for (const protocol of ["scim", "v1"] as const) {
      const f = failureFor(protocol, e, ID);
      expect(f.status).toBe(401);
      expect(f.headers["WWW-Authenticate"]).toBe('Bearer realm="roster", error="invalid_token"');
    }
  });

  it.each([
    ["PostgreSQL refusing connections", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["SQLite busy", new Error("SQLITE_BUSY: database is locked")],
    ["a serialization failure", Object.assign(new Error("could not serialize access"), { code: "P2034" })],
    ["a full disk", Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" })],
  ])("answers %s with 503 + Retry-After in each protocol's shape", (_name, e) => {
    expect(failureFor("scim", e, ID)).toMatchObject({ status: 503, headers: { "Retry-After": "5" }, serverSide: true, body: { status: "503" } });
    expect(failureFor("oauth", e, ID)).toMatchObject({ status: 503, body: { error: "temporarily_unavailable" } });
    expect(failureFor("v1", e, ID)).toMatchObject({ status: 503, body: { error: { code: "unavailable" } } });
  });

  it("answers PostgreSQL's index-row limit as the client's oversized value, not a server fault", () => {
    const e = Object.assign(new Error("index row size 3000 exceeds btree version 4 maximum 2704"), { code: "54000" });
    expect(failureFor("scim", e, ID)).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
  });

  it("answers anything unknown with a 500 naming the request id and nothing of the error, and logs it with the id", () => {
    const logged = vi.spyOn(logger(), "error").mockImplementation(() => undefined);
    const e = new Error("relation ScimUser: secret-internal-detail");
    for (const protocol of ["scim", "oauth", "v1"] as const) {
      const f = failureFor(protocol, e, ID);
      expect(f.status).toBe(500);
      expect(JSON.stringify(f.body)).not.toContain("secret-internal-detail");
      expect(JSON.stringify(f.body)).toContain(ID);
    }
    expect(failureFor("oauth", e, ID).body).toMatchObject({ error: "server_error" });
    expect(logged.mock.calls[0][0]).toMatchObject({ requestId: ID, protocol: "scim", error: expect.stringContaining("secret-internal-detail") });
    logged.mockRestore();
  });
});
