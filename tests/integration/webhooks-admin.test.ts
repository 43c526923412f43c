// Administering webhooks: the CLI's `webhook` commands (in-process and the real `npm run --silent
// roster` process) and the console's server actions, called directly as an attacker could (session
// and the "Manage user directories" permission checked before anything is done), on both databases.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", () => ({ getSessionIdentity: vi.fn(async () => null) }));
vi.mock("next/cache", () => import("../support/next-mocks"));
vi.mock("next/headers", () => import("../support/next-mocks"));

import {
  createWebhookAction,
  deleteWebhookAction,
  replayWebhookAction,
  resendWebhookEventAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEnabledAction,
} from "@/app/(admin)/admin/webhooks/actions";
import { runCli } from "@/cli/run-cli";
import { addAdmin } from "@/lib/admin/admins/add-admin";
import { getSessionIdentity } from "@/lib/auth/session";
import { createUser } from "@/lib/provisioning/create-user";
import { deliverWebhooks } from "@/lib/webhooks/deliver-webhooks";
import { listWebhookProblems } from "@/lib/webhooks/list-webhook-problems";
import { TEST_ACTOR } from "../support/audit";
import { DATABASE_KINDS, useTestDatabase } from "../support/database";
import { provisioningContext, USER_SCHEMA, walkFeed } from "../support/events";
import { restoreTestEnv, setTestEnv } from "../support/settings";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const run$ = promisify(execFile);
const session = vi.mocked(getSessionIdentity);
const LOCAL = { ROSTER_WEBHOOK_ALLOW_HTTP: "true", ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" } as const;

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function form(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) fd.append(k, one);
  return fd;
}

describe.each(DATABASE_KINDS)("webhook administration on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database.current.db;
  const admins = { manager: "", reader: "" };
  let receiver: WebhookReceiver;
  let directoryId = "";

  beforeAll(async () => {
    admins.manager = (await addAdmin({ email: "hooks-manager@example.com", password: "manager password", role: "directoryManager", actor: TEST_ACTOR })).id;
    admins.reader = (await addAdmin({ email: "hooks-reader@example.com", password: "reader password!", role: "viewer", actor: TEST_ACTOR })).id;
    directoryId = (await db().prisma.directory.create({ data: { name: "A", active: true } })).id;
    receiver = await startWebhookReceiver();
  });
  beforeEach(async () => {
    setTestEnv(LOCAL);
    await db().prisma.webhookEndpoint.deleteMany({});
    session.mockResolvedValue(null);
    process.env.DATABASE_URL = database.current.config.url;
  });
  afterEach(() => restoreTestEnv());
  afterAll(async () => {
    delete process.env.DATABASE_URL;
    await receiver.close();
  });

  it("CLI: create --json prints the webhook and its secret once; list, disable, enable, rotate-secret, delete", async () => {
    const created = await run(["webhook", "create", "--url", receiver.url, "--directory", directoryId, "--types", "user.created,user.deleted", "--json"]);
    expect(created).toMatchObject({ code: 0, err: "" });
    const json = JSON.parse(created.out);
    expect(json).toMatchObject({ webhook: { id: expect.any(String), url: receiver.url, directoryIds: [directoryId], eventTypes: ["user.created", "user.deleted"], enabled: true }, secret: expect.stringMatching(/^whsec_/) });
    expect(JSON.stringify(json.webhook)).not.toContain(json.secret);
    const id = json.webhook.id as string;

    const listed = await run(["webhook", "list", "--json"]);
    expect(JSON.parse(listed.out)).toEqual([expect.objectContaining({ id, enabled: true })]);
    expect(listed.out).not.toContain("whsec_");
    expect((await run(["webhook", "list"])).out).toMatch(new RegExp(`^${id}  enabled `));

    expect(await run(["webhook", "disable", id])).toMatchObject({ code: 0, out: expect.stringContaining("disabled") });
    expect((await db().prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).disabledReason).toBe("Disabled by CLI");
    expect(await run(["webhook", "enable", id])).toMatchObject({ code: 0, out: expect.stringContaining("enabled") });

    const rotated = await run(["webhook", "rotate-secret", id, "--json"]);
    const { secret } = JSON.parse(rotated.out);
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(json.secret);
    // Both secrets sign the next delivery.
    const ctx = provisioningContext(db(), directoryId);
    await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: "cli@example.com" } });
    await deliverWebhooks({ db: db(), holder: "test" });
    const r = receiver.received.at(-1)!;
    for (const s of [secret, json.secret]) expect(new Webhook(s).verify(r.body, r.headers as Record<string, string>)).toMatchObject({ type: "user.created" });

    expect(await run(["webhook", "delete", id])).toMatchObject({ code: 0 });
    expect(await db().prisma.webhookEndpoint.count({ where: { id } })).toBe(0);
    expect(await run(["webhook", "delete", id])).toMatchObject({ code: 1, err: "error: Webhook not found" });
  });

  it("CLI: refuses bad input as a usage error, changing nothing", async () => {
    expect(await run(["webhook", "create", "--json"])).toMatchObject({ code: 2, err: expect.stringContaining("--url is required") });
    expect(await run(["webhook", "create", "--url", receiver.url, "--types", "user.exploded"])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown event type "user.exploded"') });
    setTestEnv({ ROSTER_WEBHOOK_ALLOW_HTTP: "true", ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "false" });
    expect(await run(["webhook", "create", "--url", receiver.url])).toMatchObject({ code: 2, err: expect.stringContaining("private networks") });
    expect(await db().prisma.webhookEndpoint.count()).toBe(0);
  });

  it("prints the secret from the real `npm run --silent roster` process", async () => {
    const { stdout } = await run$("npm", ["run", "--silent", "roster", "--", "webhook", "create", "--url", receiver.url, "--json"], {
      env: { ...process.env, DATABASE_URL: database.current.config.url, ...LOCAL },
      timeout: 60_000,
    });
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ webhook: { id: expect.any(String), url: receiver.url }, secret: expect.stringMatching(/^whsec_/) });
    await db().prisma.webhookEndpoint.delete({ where: { id: json.webhook.id } });
  }, 60_000);

  it("console: refuses every action without a session or without the permission", async () => {
    const hook = await run(["webhook", "create", "--url", receiver.url, "--json"]);
    const id = JSON.parse(hook.out).webhook.id as string;
    for (const who of [null, admins.reader]) {
      session.mockResolvedValue(who ? { adminId: who, sessionVersion: 0 } : null);
      const refused = { ok: false, error: who ? expect.stringMatching(/Manage user directories/) : expect.stringMatching(/sign in/i) };
      expect(await createWebhookAction(null, form({ url: receiver.url }))).toMatchObject(refused);
      expect(await setWebhookEnabledAction(null, form({ webhookId: id, enabled: "false" }))).toMatchObject(refused);
      expect(await rotateWebhookSecretAction(null, form({ webhookId: id }))).toMatchObject(refused);
      expect(await sendTestWebhookAction(null, form({ webhookId: id }))).toMatchObject(refused);
      expect(await resendWebhookEventAction(null, form({ webhookId: id, eventId: "x" }))).toMatchObject(refused);
      expect(await replayWebhookAction(null, form({ webhookId: id, since: "2026-01-01T00:00" }))).toMatchObject(refused);
      expect(await deleteWebhookAction(null, form({ webhookId: id }))).toMatchObject(refused);
    }
    const row = await db().prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(row.enabled).toBe(true);
    expect(await db().prisma.webhookAttempt.count({ where: { endpointId: id } })).toBe(0);
    await db().prisma.webhookEndpoint.delete({ where: { id } });
  });

  it("console: a manager creates, tests, replays, resends, disables, rotates and deletes", async () => {
    session.mockResolvedValue({ adminId: admins.manager, sessionVersion: 0 });
    expect(await createWebhookAction(null, form({ url: "" }))).toMatchObject({ ok: false, fieldErrors: { url: expect.any(String) } });
    const created = await createWebhookAction(null, form({ url: receiver.url, description: "console", directoryIds: [directoryId], eventTypes: ["user.created"] }));
    expect(created).toMatchObject({ ok: true, data: { id: expect.any(String), secret: expect.stringMatching(/^whsec_/) } });
    const { id } = (created as { data: { id: string } }).data;
    expect((await db().prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).createdBy).toBe("hooks-manager@example.com");

    receiver.received.length = 0;
    expect(await sendTestWebhookAction(null, form({ webhookId: id }))).toMatchObject({ ok: true, message: expect.stringContaining("HTTP 204") });
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({ type: "webhook.test" });

    const [event] = (await walkFeed(db(), { directoryIds: [directoryId] })).events;
    expect(await resendWebhookEventAction(null, form({ webhookId: id, eventId: event.id }))).toMatchObject({ ok: true });
    expect(receiver.received[1].headers["webhook-id"]).toBe(event.id);

    // Replay from the browser's local time (its offset sent beside it): here, UTC.
    const since = new Date(new Date(event.occurredAt).getTime() - 60_000).toISOString().slice(0, 16);
    expect(await replayWebhookAction(null, form({ webhookId: id, since, timezoneOffset: "0" }))).toMatchObject({ ok: true });
    await deliverWebhooks({ db: db(), holder: "test" });
    expect(receiver.received.slice(2).map((r) => r.headers["webhook-id"])).toContain(event.id);
    expect(await replayWebhookAction(null, form({ webhookId: id, since: "" }))).toMatchObject({ ok: false, fieldErrors: { since: expect.any(String) } });

    receiver.status = 500;
    const ctx = provisioningContext(db(), directoryId);
    await createUser({ ctx, body: { schemas: [USER_SCHEMA], userName: "failing@example.com" } });
    await deliverWebhooks({ db: db(), holder: "test" });
    // The directory's overview lists the failing webhook.
    expect(await listWebhookProblems({ directoryId })).toEqual([expect.objectContaining({ id, failingSince: expect.any(Date), headAttempts: 1 })]);
    receiver.status = 204;

    expect(await setWebhookEnabledAction(null, form({ webhookId: id, enabled: "false" }))).toMatchObject({ ok: true });
    expect(await listWebhookProblems({ directoryId })).toEqual([expect.objectContaining({ id, enabled: false, disabledReason: "Disabled by hooks-manager@example.com" })]);
    expect(await setWebhookEnabledAction(null, form({ webhookId: id, enabled: "true" }))).toMatchObject({ ok: true });
    expect(await listWebhookProblems({ directoryId })).toEqual([]);

    const rotated = await rotateWebhookSecretAction(null, form({ webhookId: id }));
    expect(rotated).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^whsec_/) } });
    expect(await deleteWebhookAction(null, form({ webhookId: id }))).toMatchObject({ ok: true });
    expect(await deleteWebhookAction(null, form({ webhookId: id }))).toMatchObject({ ok: false, error: "Webhook not found" });
  });
});
