import { afterEach, describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { loadSettings, resetSettingsForTests, settings, SettingsError } from "./settings";

function errorOf(env: Record<string, string>): SettingsError {
  try {
    loadSettings(env);
  } catch (e) {
    if (e instanceof SettingsError) return e;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe("loadSettings", () => {
  it("gives every default for an empty environment", () => {
    const s = loadSettings({});
    expect(s.database).toEqual({ kind: "sqlite", file: resolve("data/roster.db"), url: `file:${resolve("data/roster.db")}` });
    expect(s).toMatchObject({
      databasePoolSize: 10,
      port: 3000,
      hostname: undefined,
      baseUrl: undefined,
      auth: { sessionSecret: undefined, nextAuthUrl: undefined, sessionMaxAgeSeconds: 28_800, adminEmail: undefined, adminPassword: undefined },
      token: { ttlSeconds: 3600, maxFailures: 10, failureWindowSeconds: 300 },
      scim: { maxResults: 1000, defaultCount: 100, maxPayloadBytes: 4_194_304, rateLimit: 60_000, rateWindowSeconds: 60 },
      activity: { log: true, retentionDays: 30, maxRowsPerDirectory: 1_000_000 },
    });
  });

  it("treats an empty or blank variable as unset", () => {
    const blank = { DATABASE_URL: " ", PORT: "", ROSTER_TOKEN_TTL_SECONDS: "  ", ROSTER_BASE_URL: "", NEXTAUTH_SECRET: " ", ROSTER_ACTIVITY_LOG: "", ROSTER_ADMIN_PASSWORD: "" };
    expect(loadSettings(blank)).toEqual(loadSettings({}));
  });

  it("reads integers, trimmed, in their range", () => {
    const s = loadSettings({ PORT: " 8080 ", ROSTER_SCIM_RATE_LIMIT: "0", ROSTER_ACTIVITY_RETENTION_DAYS: "0", ROSTER_TOKEN_MAX_FAILURES: "3", DATABASE_POOL_SIZE: "25" });
    expect(s).toMatchObject({ port: 8080, databasePoolSize: 25, scim: { rateLimit: 0 }, activity: { retentionDays: 0 }, token: { maxFailures: 3 } });
  });

  it.each([
    ["7200", 7200],
    [" 21600 ", 21_600],
    ["299", 300],
    ["10", 300],
    ["86401", 86_400],
    ["9999999", 86_400],
    ["1e4", 10_000],
  ])("clamps ROSTER_TOKEN_TTL_SECONDS=%j to %i, as documented (300–86400)", (value, expected) => {
    expect(loadSettings({ ROSTER_TOKEN_TTL_SECONDS: value }).token.ttlSeconds).toBe(expected);
  });

  it.each([
    ["ROSTER_TOKEN_TTL_SECONDS", "abc", "an integer (values outside 300–86400 are clamped to it)"],
    ["ROSTER_TOKEN_TTL_SECONDS", "3600.5", "an integer"],
    ["PORT", "http", "an integer from 0 to 65535"],
    ["PORT", "70000", "an integer from 0 to 65535"],
    ["ROSTER_TOKEN_MAX_FAILURES", "0", "an integer from 1 to 100000"],
    ["ROSTER_SCIM_RATE_LIMIT", "-1", "an integer from 0 to 100000000"],
    ["ROSTER_SESSION_MAX_AGE", "30", "an integer from 60 to 31622400"],
    ["ROSTER_SCIM_MAX_RESULTS", "0x", "an integer from 1 to 10000"],
    ["DATABASE_URL", "mysql://localhost/roster", "file:<path> (SQLite) or postgresql://… (PostgreSQL)"],
    ["DATABASE_URL", "file:", "file:<path>"],
    ["ROSTER_BASE_URL", "roster.example.com", "an absolute http:// or https:// URL"],
    ["NEXTAUTH_URL", "ftp://roster.example.com", "an absolute http:// or https:// URL"],
    ["ROSTER_ACTIVITY_LOG", "no", "one of on, off"],
  ])("refuses %s=%j, naming the variable, the value and what it accepts", (variable, value, accepts) => {
    const error = errorOf({ [variable]: value });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].variable).toBe(variable);
    expect(error.message).toContain(`${variable}: got ${JSON.stringify(value)}; expected ${accepts}`);
  });

  it("lists every bad variable at once and hides a database password", () => {
    const error = errorOf({ PORT: "x", DATABASE_URL: "mysql://roster:s3cret@db/roster", ROSTER_SCIM_DEFAULT_COUNT: "-1" });
    expect(error.issues.map((i) => i.variable).sort()).toEqual(["DATABASE_URL", "PORT", "ROSTER_SCIM_DEFAULT_COUNT"]);
    expect(error.message.split("\n")).toHaveLength(4);
    expect(error.message).not.toContain("s3cret");
  });

  it("reads the database, origins and secrets", () => {
    const s = loadSettings({
      DATABASE_URL: "postgresql://u:p@db:5432/roster",
      ROSTER_BASE_URL: " https://scim.example.com// ",
      AUTH_SECRET: "from-auth-secret",
      ROSTER_ADMIN_EMAIL: " owner@example.com ",
      ROSTER_ADMIN_PASSWORD: " spaces count ",
      ROSTER_ACTIVITY_LOG: "off",
    });
    expect(s.database).toEqual({ kind: "postgresql", url: "postgresql://u:p@db:5432/roster" });
    expect(s.baseUrl).toBe("https://scim.example.com");
    expect(s.auth).toMatchObject({ sessionSecret: "from-auth-secret", adminEmail: "owner@example.com", adminPassword: " spaces count " });
    expect(s.activity.log).toBe(false);
    expect(loadSettings({ NEXTAUTH_SECRET: "a", AUTH_SECRET: "b" }).auth.sessionSecret).toBe("a");
  });

  it("returns a frozen object", () => {
    const s = loadSettings({});
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.token)).toBe(true);
    expect(Object.isFrozen(s.database)).toBe(true);
  });
});

describe("settings", () => {
  afterEach(() => {
    delete process.env.ROSTER_SCIM_DEFAULT_COUNT;
    resetSettingsForTests();
  });

  it("parses process.env once and keeps the result", () => {
    process.env.ROSTER_SCIM_DEFAULT_COUNT = "50";
    resetSettingsForTests();
    const first = settings();
    process.env.ROSTER_SCIM_DEFAULT_COUNT = "75";
    expect(settings()).toBe(first);
    expect(settings().scim.defaultCount).toBe(50);
    resetSettingsForTests();
    expect(settings().scim.defaultCount).toBe(75);
  });
});
