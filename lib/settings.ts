// Every environment variable Roster reads, read here once and validated with zod. `npm start`, `npm run
// dev`, the CLI and `npm run db:migrate` call settings() before anything else, so a bad value stops the
// process at start with a message naming the variable, instead of silently falling back to a default.
// An unset or empty variable means its default. The README's table is checked against ENV_SCHEMA
// (lib/settings-readme.test.ts): a new setting is one entry here, one line in toSettings and one row there.
import { z } from "zod";
import { resolveDatabaseConfig, type DatabaseConfig } from "@/lib/db/config";

type Env = Record<string, string | undefined>;

/** What the README says about a variable: its meaning and, when it has no plain default value, what unset means. */
export interface SettingDoc {
  doc: string;
  /** The default as the README writes it (in backticks), or what happens when the variable is unset. */
  default: string;
}

/** Each variable's documentation, keyed by its schema in ENV_SCHEMA. */
export const settingDocs = z.registry<SettingDoc>();

function documented<S extends z.ZodType>(schema: S, doc: string, defaultText: string): S {
  settingDocs.add(schema, { doc, default: defaultText });
  return schema;
}

/** What a variable accepts, returned by a parser for a value it cannot use. */
class Refused {
  constructor(readonly expected: string) {}
}

/**
 * A variable read from its trimmed text (undefined when unset, empty or blank). A bad value becomes one
 * issue naming what the variable got (through `shown`, e.g. to hide a password) and what it accepts.
 */
function variable<T>(parse: (text: string | undefined) => T | Refused, shown = (raw: string) => raw) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const result = parse(raw?.trim() || undefined);
      if (!(result instanceof Refused)) return result;
      ctx.addIssue({ code: "custom", message: `got ${JSON.stringify(shown(raw ?? ""))}; expected ${result.expected}` });
      return z.NEVER;
    });
}

const text = () => variable((t) => t);

interface IntegerOptions {
  default: number;
  min: number;
  max: number;
  /** Values outside min–max are brought into it (a documented behaviour) instead of refused. */
  clamp?: boolean;
}

function integer(o: IntegerOptions) {
  return variable((t) => {
    if (t === undefined) return o.default;
    const n = Number(t);
    const accepts = o.clamp ? `an integer (values outside ${o.min}–${o.max} are clamped to it)` : `an integer from ${o.min} to ${o.max}`;
    if (!Number.isSafeInteger(n) || (!o.clamp && (n < o.min || n > o.max))) return new Refused(`${accepts}, or unset for ${o.default}`);
    return Math.min(o.max, Math.max(o.min, n));
  });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return variable((t): T[number] | Refused => {
    if (t === undefined) return fallback;
    return values.includes(t) ? t : new Refused(`one of ${values.join(", ")}`);
  });
}

/** An absolute http(s) origin such as https://roster.example.com, without trailing slashes. */
function origin() {
  return variable((t) => {
    if (t === undefined) return undefined;
    const protocol = URL.canParse(t) ? new URL(t).protocol : undefined;
    if (protocol !== "https:" && protocol !== "http:") return new Refused("an absolute http:// or https:// URL, e.g. https://roster.example.com");
    return t.replace(/\/+$/, "");
  });
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An OpenID Connect issuer: https, or http on a loopback host (a provider run for local testing). */
function issuer() {
  return variable((t) => {
    if (t === undefined) return undefined;
    const u = URL.canParse(t) ? new URL(t) : undefined;
    if (u?.protocol === "https:" || (u?.protocol === "http:" && LOOPBACK.has(u.hostname))) return t.replace(/\/+$/, "");
    return new Refused("an https:// issuer URL (http:// only on localhost, 127.0.0.1 or [::1])");
  });
}

/** The URL with its password hidden, for the error message. */
function redactUrl(raw: string): string {
  if (!URL.canParse(raw.trim())) return raw;
  const u = new URL(raw.trim());
  if (!u.password) return raw;
  u.password = "***";
  return u.toString();
}

function databaseUrl() {
  return variable((t): DatabaseConfig | Refused => {
    try {
      return resolveDatabaseConfig(t);
    } catch {
      return new Refused("file:<path> (SQLite) or postgresql://… (PostgreSQL), or unset for ./data/roster.db");
    }
  }, redactUrl);
}

/** Every variable Roster reads, keyed by its name. The order is the README table's. */
export const ENV_SCHEMA = z.object({
  DATABASE_URL: documented(databaseUrl(), "`file:/path/to.db` for another SQLite file; `postgresql://…` for PostgreSQL", "unset → `./data/roster.db`"),
  PORT: documented(integer({ default: 3000, min: 0, max: 65_535 }), "HTTP port of `npm start` (0: any free port)", "`3000`"),
  HOSTNAME: documented(text(), "interface `npm start` listens on", "all interfaces"),
  ROSTER_BASE_URL: documented(origin(), "public origin used in Tenant URL / Token Endpoint, `meta.location`, `$ref`", "derived from the request"),
  ROSTER_TRUST_PROXY: documented(oneOf(["true", "false"], "false"), "`true`: without ROSTER_BASE_URL, the public host is the request's `X-Forwarded-Host`; under `npm start`, the caller's address is the first `X-Forwarded-For` hop", "`false`: its `Host`, and the socket's address"),
  NEXTAUTH_SECRET: documented(text(), "signs admin sessions; never a fixed default", "generated once and stored in the database"),
  AUTH_SECRET: documented(text(), "the same, when NEXTAUTH_SECRET is unset", "generated once and stored in the database"),
  NEXTAUTH_URL: documented(origin(), "next-auth's site URL", "`ROSTER_BASE_URL`, else the first `/api/auth` request"),
  ROSTER_SESSION_MAX_AGE: documented(
    integer({ default: 8 * 60 * 60, min: 60, max: 366 * 24 * 60 * 60 }),
    "admin session lifetime in seconds (60–31622400)",
    "`28800`",
  ),
  ROSTER_ADMIN_EMAIL: documented(text(), "with ROSTER_ADMIN_PASSWORD, creates the owner account when no admin exists", "unset"),
  // Not trimmed: spaces may be part of a password.
  ROSTER_ADMIN_PASSWORD: documented(
    z.string().optional().transform((raw) => raw || undefined),
    "the owner's password (at least 12 characters)",
    "unset",
  ),
  ROSTER_OIDC_ISSUER: documented(issuer(), "issuer URL of the console's OpenID Connect provider (https; http only on loopback, for local testing)", "unset: no single sign-on button"),
  ROSTER_OIDC_CLIENT_ID: documented(text(), "client id of Roster at that provider", "unset"),
  ROSTER_OIDC_CLIENT_SECRET: documented(text(), "its client secret", "unset"),
  ROSTER_OIDC_NAME: documented(text(), "the button reads \"Sign in with <name>\"", "`Single sign-on`"),
  ROSTER_ENTRA_TENANT_ID: documented(text(), "Microsoft Entra tenant (directory) id of the console's app registration", "unset: no Entra button"),
  ROSTER_ENTRA_CLIENT_ID: documented(text(), "its application (client) id", "unset"),
  ROSTER_ENTRA_CLIENT_SECRET: documented(text(), "its client secret", "unset"),
  ROSTER_OIDC_ALLOWED_DOMAINS: documented(
    variable((t) => (t ? t.split(",").map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean) : [])),
    "comma-separated email domains whose single-sign-on users are admitted without an admin account (created as Viewer)",
    "unset: only existing admins",
  ),
  ROSTER_OIDC_ROLE_CLAIM: documented(text(), "ID-token claim (e.g. `roles`, `groups`) whose values `Roster.Owner`, `Roster.DirectoryManager`, `Roster.Viewer` set the role at each single sign-on", "unset: roles are set in the console"),
  ROSTER_PASSWORD_SIGNIN: documented(oneOf(["true", "false"], "true"), "`false` refuses password sign-in, except for ROSTER_BREAK_GLASS_EMAIL", "`true`"),
  ROSTER_BREAK_GLASS_EMAIL: documented(text(), "the one owner who may still sign in with a password while ROSTER_PASSWORD_SIGNIN=false", "unset"),
  ROSTER_TOKEN_TTL_SECONDS: documented(
    integer({ default: 3600, min: 300, max: 86_400, clamp: true }),
    "`expires_in` of issued access tokens (clamped to 300–86400; Entra accepts 3600–21600)",
    "`3600`",
  ),
  ROSTER_TOKEN_MAX_FAILURES: documented(
    integer({ default: 10, min: 1, max: 100_000 }),
    "failed client authentications per client id and per client address within the window; then 429",
    "`10`",
  ),
  ROSTER_TOKEN_FAILURE_WINDOW_SECONDS: documented(integer({ default: 300, min: 1, max: 86_400 }), "that window, in seconds", "`300`"),
  ROSTER_SCIM_MAX_RESULTS: documented(integer({ default: 1000, min: 1, max: 10_000 }), "largest page (`filter.maxResults`)", "`1000`"),
  ROSTER_SCIM_DEFAULT_COUNT: documented(integer({ default: 100, min: 1, max: 10_000 }), "page size when a list request gives no `count`", "`100`"),
  ROSTER_SCIM_MAX_PAYLOAD_BYTES: documented(
    integer({ default: 4 * 1024 * 1024, min: 1024, max: 64 * 1024 * 1024 }),
    "largest SCIM request body (413 above it)",
    "`4194304`",
  ),
  // 60,000 a minute is 1,000 requests a second per directory: about what one instance serves in all
  // (npm run bench), so no provisioning cycle, however eager, is throttled by default, while a runaway
  // or hostile client still cannot hold a directory's share of a shared deployment forever. Deployments
  // with many tenants per instance set it lower.
  ROSTER_SCIM_RATE_LIMIT: documented(
    integer({ default: 60_000, min: 0, max: 100_000_000 }),
    "SCIM requests per directory per window, shared by all instances; 0 turns it off",
    "`60000`",
  ),
  ROSTER_SCIM_RATE_WINDOW_SECONDS: documented(integer({ default: 60, min: 1, max: 86_400 }), "window of that limit", "`60`"),
  // 6,000 a minute is 100 requests a second per key: a poller, or a full resynchronisation of 100,000
  // users at 1,000 per page, never comes near it; a runaway loop is stopped.
  ROSTER_API_RATE_LIMIT: documented(
    integer({ default: 6_000, min: 0, max: 100_000_000 }),
    "`/api/v1` requests per API key per window, shared by all instances; 0 turns it off",
    "`6000`",
  ),
  ROSTER_API_RATE_WINDOW_SECONDS: documented(integer({ default: 60, min: 1, max: 86_400 }), "window of that limit", "`60`"),
  ROSTER_ACTIVITY_RETENTION_DAYS: documented(
    integer({ default: 30, min: 0, max: 36_500 }),
    "activity-log rows older than this are deleted; 0 keeps them",
    "`30`",
  ),
  ROSTER_ACTIVITY_MAX_ROWS_PER_DIRECTORY: documented(
    integer({ default: 1_000_000, min: 0, max: 1_000_000_000 }),
    "most activity rows kept per directory (oldest go first); 0 means no cap",
    "`1000000`",
  ),
  ROSTER_EVENT_RETENTION_DAYS: documented(
    integer({ default: 30, min: 0, max: 36_500 }),
    "events older than this leave the events feed (a cursor from before them answers 410); 0 keeps them",
    "`30`",
  ),
  ROSTER_AUDIT_RETENTION_DAYS: documented(
    integer({ default: 365, min: 0, max: 36_500 }),
    "admin audit-log rows older than this are deleted; 0 keeps them",
    "`365`",
  ),
  ROSTER_ACTIVITY_LOG: documented(
    oneOf(["on", "off"], "on"),
    "`off` writes no activity log: only for `npm run bench`, which measures what logging costs",
    "`on`",
  ),
  ROSTER_EVENT_FEED: documented(
    oneOf(["on", "off"], "on"),
    "`off` records no events: only for `npm run bench`, which measures what the events feed's writes cost",
    "`on`",
  ),
  ROSTER_WEBHOOK_ALLOW_HTTP: documented(
    oneOf(["true", "false"], "false"),
    "`true` lets webhook endpoints use `http://` URLs (otherwise only `https://`)",
    "`false`",
  ),
  ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: documented(
    oneOf(["true", "false"], "false"),
    "`true` lets webhooks reach loopback, private, link-local and metadata addresses (local development and tests)",
    "`false`",
  ),
  // Entra ID sends an incremental cycle's requests seconds apart and runs cycles 20–40 minutes apart, so
  // five idle minutes end a cycle without merging two.
  ROSTER_CYCLE_GAP_SECONDS: documented(
    integer({ default: 300, min: 1, max: 86_400 }),
    "idle seconds after which a directory's next request starts a new provisioning cycle",
    "`300`",
  ),
  ROSTER_SYNC_HEALTH: documented(
    oneOf(["on", "off"], "on"),
    "`off` keeps no provisioning cycles or health states: only for `npm run bench`, which measures what that bookkeeping costs",
    "`on`",
  ),
  ROSTER_LOG_LEVEL: documented(
    oneOf(["trace", "debug", "info", "warn", "error", "fatal", "silent"], "info"),
    "server log level: `info` logs one line per machine-facing request; `warn` only problems",
    "`info`",
  ),
  ROSTER_METRICS_TOKEN: documented(
    text(),
    "bearer token `GET /api/metrics` requires (Prometheus text format); while unset the endpoint answers 404",
    "unset (metrics off)",
  ),
  CRON_SECRET: documented(text(), "bearer secret of `/api/cron/<job>` (Vercel Cron sends it); while unset that route answers 401 to everyone", "unset"),
  ROSTER_BACKGROUND_JOBS: documented(
    oneOf(["on", "off"], "on"),
    "`off`: this instance runs no background jobs in-process (another instance or the cron route does)",
    "`on`",
  ),
  DATABASE_POOL_SIZE: documented(integer({ default: 10, min: 1, max: 1000 }), "PostgreSQL connections per instance", "`10`"),
});

export type EnvVariable = keyof typeof ENV_SCHEMA.shape;

function toSettings(e: z.output<typeof ENV_SCHEMA>) {
  return {
    database: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    port: e.PORT,
    hostname: e.HOSTNAME,
    /** The configured public origin (ROSTER_BASE_URL), without trailing slashes. */
    baseUrl: e.ROSTER_BASE_URL,
    /** Whether X-Forwarded-Host names the public host and X-Forwarded-For the caller (ROSTER_TRUST_PROXY). */
    trustProxy: e.ROSTER_TRUST_PROXY === "true",
    auth: {
      sessionSecret: e.NEXTAUTH_SECRET ?? e.AUTH_SECRET,
      /** NEXTAUTH_URL as configured at start (next-auth itself reads process.env.NEXTAUTH_URL). */
      nextAuthUrl: e.NEXTAUTH_URL,
      sessionMaxAgeSeconds: e.ROSTER_SESSION_MAX_AGE,
      adminEmail: e.ROSTER_ADMIN_EMAIL,
      adminPassword: e.ROSTER_ADMIN_PASSWORD,
      passwordSignIn: e.ROSTER_PASSWORD_SIGNIN === "true",
      breakGlassEmail: e.ROSTER_BREAK_GLASS_EMAIL?.toLowerCase(),
    },
    sso: {
      /** The generic OpenID Connect provider (next-auth id "oidc"), when all three are set. */
      oidc:
        e.ROSTER_OIDC_ISSUER && e.ROSTER_OIDC_CLIENT_ID && e.ROSTER_OIDC_CLIENT_SECRET
          ? { issuer: e.ROSTER_OIDC_ISSUER, clientId: e.ROSTER_OIDC_CLIENT_ID, clientSecret: e.ROSTER_OIDC_CLIENT_SECRET, name: e.ROSTER_OIDC_NAME ?? "Single sign-on" }
          : undefined,
      /** Microsoft Entra ID (next-auth id "azure-ad"), when all three are set. */
      entra:
        e.ROSTER_ENTRA_TENANT_ID && e.ROSTER_ENTRA_CLIENT_ID && e.ROSTER_ENTRA_CLIENT_SECRET
          ? { tenantId: e.ROSTER_ENTRA_TENANT_ID, clientId: e.ROSTER_ENTRA_CLIENT_ID, clientSecret: e.ROSTER_ENTRA_CLIENT_SECRET }
          : undefined,
      allowedDomains: e.ROSTER_OIDC_ALLOWED_DOMAINS,
      roleClaim: e.ROSTER_OIDC_ROLE_CLAIM,
    },
    token: {
      ttlSeconds: e.ROSTER_TOKEN_TTL_SECONDS,
      maxFailures: e.ROSTER_TOKEN_MAX_FAILURES,
      failureWindowSeconds: e.ROSTER_TOKEN_FAILURE_WINDOW_SECONDS,
    },
    scim: {
      maxResults: e.ROSTER_SCIM_MAX_RESULTS,
      defaultCount: e.ROSTER_SCIM_DEFAULT_COUNT,
      maxPayloadBytes: e.ROSTER_SCIM_MAX_PAYLOAD_BYTES,
      rateLimit: e.ROSTER_SCIM_RATE_LIMIT,
      rateWindowSeconds: e.ROSTER_SCIM_RATE_WINDOW_SECONDS,
    },
    api: {
      rateLimit: e.ROSTER_API_RATE_LIMIT,
      rateWindowSeconds: e.ROSTER_API_RATE_WINDOW_SECONDS,
    },
    jobs: {
      /** Whether this process runs the background-job loop (lib/background-jobs.ts). */
      inProcess: e.ROSTER_BACKGROUND_JOBS === "on",
      cronSecret: e.CRON_SECRET,
    },
    activity: {
      log: e.ROSTER_ACTIVITY_LOG === "on",
      retentionDays: e.ROSTER_ACTIVITY_RETENTION_DAYS,
      maxRowsPerDirectory: e.ROSTER_ACTIVITY_MAX_ROWS_PER_DIRECTORY,
    },
    webhooks: {
      allowHttp: e.ROSTER_WEBHOOK_ALLOW_HTTP === "true",
      allowPrivateNetworks: e.ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS === "true",
    },
    log: {
      level: e.ROSTER_LOG_LEVEL,
    },
    metrics: {
      token: e.ROSTER_METRICS_TOKEN,
    },
    syncHealth: {
      /** Off only in `npm run bench`'s comparison run. */
      record: e.ROSTER_SYNC_HEALTH === "on",
      cycleGapSeconds: e.ROSTER_CYCLE_GAP_SECONDS,
    },
    audit: {
      retentionDays: e.ROSTER_AUDIT_RETENTION_DAYS,
    },
    events: {
      /** Off only in `npm run bench`'s comparison run. */
      record: e.ROSTER_EVENT_FEED === "on",
      retentionDays: e.ROSTER_EVENT_RETENTION_DAYS,
    },
  };
}

export type Settings = DeepReadonly<ReturnType<typeof toSettings>>;

type DeepReadonly<T> = { readonly [K in keyof T]: T[K] extends object ? DeepReadonly<T[K]> : T[K] };

/** One or more variables with a value Roster cannot use; the message has one line per variable. */
export class SettingsError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`invalid environment:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n")}`);
    this.name = "SettingsError";
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Parses an environment (process.env or a test's own object) into settings; throws SettingsError. */
export function loadSettings(env: Env): Settings {
  const parsed = ENV_SCHEMA.safeParse(env);
  if (!parsed.success) {
    throw new SettingsError(parsed.error.issues.map((i) => ({ variable: i.path.map(String).join(".") || "environment", message: i.message })));
  }
  return deepFreeze(toSettings(parsed.data));
}

let current: Settings | undefined;

/** The settings of this process, parsed from process.env on first use. */
export function settings(): Settings {
  // The only place that reads Roster's variables from process.env.
  current ??= loadSettings(process.env);
  return current;
}

/** For tests that change process.env: parse it again on the next settings() call. */
export function resetSettingsForTests(): void {
  current = undefined;
}
