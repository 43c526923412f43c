// What an attacker or an auditor sees of a production server (SQLite, `next start`):
//
// 1. Server actions refuse a cross-origin call: the first-run setup action, called with a foreign
//    Origin, creates no owner; the same call from the server's own origin does (so the refusal was
//    the origin check, not a malformed call).
// 2. Security headers on admin pages, API routes and static files: a Content-Security-Policy with
//    frame-ancestors 'none', X-Frame-Options DENY, Referrer-Policy, nosniff.
// 3. The admin console still works under that policy in a real browser (Chromium): /signin renders
//    and hydrates with no CSP violation, and signing in posts and lands on the directory list. The
//    session cookie is httpOnly and SameSite=Lax (and Secure when the console's URL is https).
// 4. No secret, token or password anywhere it should not be: after a realistic flow (client secret in
//    the form and in HTTP Basic, tokens, passwords in POST/PATCH/PUT /Users bodies, a token in a query
//    string, a secret used as a bearer token, a wrong and a right admin password), neither the server's
//    stdout/stderr, nor any response other than the token response itself, nor any text column of
//    any table holds any of them.
//
//   npx tsx scripts/reliability/secrets-and-headers.ts   (needs a production build and /usr/bin/chromium)
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import type { Database } from "../../lib/db/client";
import { check, createCredentials, createDatabase, request, runScript, section, startProductionServer, type ProductionServer, type Reply } from "./support";
import { SCHEMA_PATCH_OP as PATCH, SCHEMA_USER as CORE } from "../../lib/scim/schema";

const ADMIN_EMAIL = "owner@roster.test";

const unique = (label: string) => `${label}-${randomBytes(12).toString("base64url")}`;

/** Id of a server action by its exported name, from the build's server reference manifest. */
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName?: string }> };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === name);
  if (!entry) throw new Error(`server action ${name} not in the build`);
  return entry[0];
}

/**
 * createOwnerAction(prevState, formData) encoded the way React's encodeReply does it: the FormData's
 * fields first, prefixed "_1_" (reference $K1), then the argument list as field "0".
 */
function setupActionBody(email: string, password: string): FormData {
  const f = new FormData();
  f.set("_1_email", email);
  f.set("_1_name", "Owner");
  f.set("_1_password", password);
  f.set("_1_confirmPassword", password);
  f.set("0", JSON.stringify(["$undefined", "$K1"]));
  return f;
}

function headerProblems(r: Reply): string[] {
  const problems: string[] = [];
  const csp = r.headers.get("content-security-policy") ?? "";
  if (!/frame-ancestors 'none'/.test(csp)) problems.push(`CSP without frame-ancestors 'none': "${csp}"`);
  if (!/script-src 'self'/.test(csp)) problems.push("CSP without script-src 'self'");
  if (!/object-src 'none'/.test(csp)) problems.push("CSP without object-src 'none'");
  if (/unsafe-eval/.test(csp)) problems.push("CSP allows eval in production");
  if (r.headers.get("x-frame-options") !== "DENY") problems.push(`X-Frame-Options ${r.headers.get("x-frame-options")}`);
  if (r.headers.get("x-content-type-options") !== "nosniff") problems.push("no nosniff");
  if (!r.headers.get("referrer-policy")) problems.push("no Referrer-Policy");
  if (r.headers.get("x-powered-by")) problems.push("X-Powered-By present");
  return problems;
}

/** next-auth credentials sign-in over plain HTTP; returns the Set-Cookie headers of the callback. */
async function signInRaw(server: ProductionServer, email: string, password: string): Promise<{ status: number; cookies: string[] }> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const cookieHeader = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader, origin: server.url },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${server.url}/admin`, json: "true" }),
  });
  return { status: res.status, cookies: res.headers.getSetCookie() };
}

async function allText(db: Database): Promise<Map<string, string>> {
  const tables =
    db.kind === "sqlite"
      ? (await db.sql.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((t) => t.name)
      : (await db.sql.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`)).map((t) => t.name);
  const out = new Map<string, string>();
  for (const table of tables) {
    const rows = await db.sql.query(`SELECT * FROM "${table}"`);
    out.set(table, JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v)));
  }
  return out;
}

runScript("secrets-and-headers", async (cleanup) => {
  const database = await createDatabase("sqlite", "secrets");
  cleanup(() => database.drop());
  const server = await startProductionServer({ databaseUrl: database.url });
  cleanup(() => server.stop());
  const adminPassword = unique("admin-password");
  const wrongAdminPassword = unique("wrong-admin-password");
  const responses: Reply[] = [];
  const send = async (url: string, init: RequestInit = {}) => {
    const r = await request(url, init);
    responses.push(r);
    return r;
  };

  section("server actions refuse cross-origin calls");
  const setupId = actionId("createOwnerAction");
  const foreign = await send(`${server.url}/setup`, { method: "POST", headers: { "Next-Action": setupId, Origin: "https://evil.example", Accept: "text/x-component" }, body: setupActionBody("evil@evil.example", "an evil password 123") });
  check((await database.db.prisma.admin.count()) === 0, `a foreign Origin is refused (${foreign.status}) and creates no owner`);
  const same = await send(`${server.url}/setup`, { method: "POST", headers: { "Next-Action": setupId, Origin: server.url, Accept: "text/x-component" }, body: setupActionBody(ADMIN_EMAIL, adminPassword) });
  const owners = await database.db.prisma.admin.findMany({ select: { email: true } });
  check(owners.length === 1 && owners[0].email === ADMIN_EMAIL, `the same call from the server's own origin runs (${same.status}): the refusal was the origin check`, owners);

  section("security headers");
  const targets: [string, Reply][] = [
    ["/signin (admin page)", await send(`${server.url}/signin`)],
    ["/admin (redirect)", await send(`${server.url}/admin`, { redirect: "manual" })],
    ["/api/health", await send(`${server.url}/api/health`)],
    ["/api/scim/v2/ServiceProviderConfig", await send(`${server.url}/api/scim/v2/ServiceProviderConfig`)],
    ["/api/oauth/token (error)", await send(`${server.url}/api/oauth/token`, { method: "POST" })],
  ];
  const chunk = /\/_next\/static\/[^"]+\.js/.exec(targets[0][1].text)?.[0];
  const all = [...targets];
  if (chunk) all.push([chunk, await send(`${server.url}${chunk}`)]);
  for (const [label, r] of all) {
    const problems = headerProblems(r);
    check(problems.length === 0, `${label} (${r.status}): CSP, X-Frame-Options DENY, nosniff, Referrer-Policy`, problems);
  }
  console.log(`  CSP: ${targets[0][1].headers.get("content-security-policy")}`);

  section("the admin console works under the CSP in Chromium");
  const browser = await chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
  });
  cleanup(() => browser.close());
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(`page error: ${e.message}`));
  await page.goto(`${server.url}/signin`);
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  const landed = await page.waitForURL("**/admin/directories", { timeout: 20_000 }).then(
    () => true,
    () => false,
  );
  check(landed, "signing in from /signin lands on /admin/directories", page.url());
  await page.goto(`${server.url}/admin/directories/new`);
  check(violations.length === 0, "no CSP violation and no page error while signing in and browsing", violations);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => /next-auth\.session-token$/.test(c.name));
  check(!!session && session.httpOnly && session.sameSite === "Lax", "the session cookie is httpOnly and SameSite=Lax", session && { name: session.name, httpOnly: session.httpOnly, sameSite: session.sameSite, secure: session.secure });
  await page.close();

  section("session cookies when the console is served over https");
  const https = await startProductionServer({ databaseUrl: database.url, env: { NEXTAUTH_URL: "https://roster.example" } });
  cleanup(() => https.stop());
  const secure = await signInRaw(https, ADMIN_EMAIL, adminPassword);
  const sessionCookie = secure.cookies.find((c) => /session-token=/.test(c));
  check(
    !!sessionCookie && /;\s*Secure/i.test(sessionCookie) && /;\s*HttpOnly/i.test(sessionCookie) && /SameSite=Lax/i.test(sessionCookie) && /^__Secure-/.test(sessionCookie),
    "over https the session cookie is __Secure-…, Secure, HttpOnly, SameSite=Lax",
    sessionCookie?.replace(/=[^;]+/, "=…") ?? `no session cookie (status ${secure.status})`,
  );
  await https.stop();

  section("no secret, token or password in logs, responses or the database");
  const creds = await createCredentials(database, "Secrets");
  const tokenViaForm = await send(`${server.url}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: creds.clientId, client_secret: creds.clientSecret }),
  });
  const tokenViaBasic = await send(`${server.url}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString("base64")}` },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  const token = tokenViaForm.body.access_token as string;
  const token2 = tokenViaBasic.body.access_token as string;
  check(!!token && !!token2, "tokens issued via the form body and via HTTP Basic");
  // Mistakes a client makes with its credentials.
  await send(`${server.url}/api/oauth/token?client_secret=${encodeURIComponent(creds.clientSecret)}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "client_credentials", client_id: creds.clientId, client_secret: `${creds.clientSecret}x` }) });
  await send(`${server.url}/api/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "client_credentials", client_id: creds.clientSecret, client_secret: creds.clientSecret }) });
  const scim = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    send(`${server.url}/api/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/scim+json" }), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  const passwords = [unique("post-password"), unique("patch-password"), unique("put-password"), unique("bad-json-password"), unique("nested-password")];
  const user = await scim("POST", "/Users", { schemas: [CORE], userName: "secretive@contoso.example", password: passwords[0], emails: [{ value: "secretive@contoso.example", primary: true }] });
  check(user.status === 201, "POST /Users with a password → 201", user.status);
  await scim("PATCH", `/Users/${user.body.id}`, { schemas: [PATCH], Operations: [{ op: "replace", path: "password", value: passwords[1] }] });
  await scim("PATCH", `/Users/${user.body.id}`, { schemas: [PATCH], Operations: [{ op: "replace", value: { password: passwords[1], title: "t" } }] });
  await scim("PUT", `/Users/${user.body.id}`, { schemas: [CORE], userName: "secretive@contoso.example", password: passwords[2] });
  await scim("POST", "/Users", `{"schemas":["${CORE}"],"userName":"broken@x","password":"${passwords[3]}"`);
  await scim("POST", "/Users", { schemas: [CORE], userName: 7, password: passwords[4] });
  await scim("GET", `/Users?access_token=${token2}`, undefined, { authorization: "" });
  await scim("GET", "/Users", undefined, { authorization: `Bearer ${creds.clientSecret}` });
  await scim("GET", "/Users", undefined, { authorization: `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString("base64")}` });
  await signInRaw(server, ADMIN_EMAIL, wrongAdminPassword);
  await signInRaw(server, ADMIN_EMAIL, adminPassword);
  // Let the deferred activity-log writes land, then stop the server so its output is complete.
  await new Promise((r) => setTimeout(r, 1500));
  await server.stop();

  const sessionSecret = (await database.db.prisma.appSetting.findUnique({ where: { key: "nextauth_secret" } }))?.value;
  const secrets: [string, string][] = [
    ["client secret", creds.clientSecret],
    ["access token (form)", token],
    ["access token (Basic)", token2],
    ["admin password", adminPassword],
    ["wrong admin password", wrongAdminPassword],
    ...passwords.map((p, i): [string, string] => [`SCIM password #${i + 1}`, p]),
  ];
  // A leak of part of a value is a leak too: also look for its random middle.
  const needles = secrets.flatMap(([label, value]): [string, string][] => [
    [label, value],
    [`${label} (part)`, value.slice(Math.floor(value.length / 2) - 8, Math.floor(value.length / 2) + 8)],
  ]);
  const output = server.output();
  for (const [label, needle] of needles) check(!output.includes(needle), `server stdout/stderr: no ${label}`);
  if (sessionSecret) check(!output.includes(sessionSecret), "server stdout/stderr: no session secret");
  const leakingResponses = responses.filter((r) => r !== tokenViaForm && r !== tokenViaBasic && needles.some(([, n]) => r.text.includes(n)));
  check(leakingResponses.length === 0, `no response (of ${responses.length}) echoes a secret, token or password`, leakingResponses.map((r) => `${r.status} ${r.text.slice(0, 200)}`));
  const tables = await allText(database.db);
  for (const [table, text] of tables) {
    const found = needles.filter(([, n]) => text.includes(n)).map(([label]) => label);
    check(found.length === 0, `table ${table}: none stored`, found);
    if (sessionSecret && table !== "AppSetting") check(!text.includes(sessionSecret), `table ${table}: no session secret`);
  }
  const logged = await database.db.prisma.activityLog.count();
  console.log(`  searched ${output.length} characters of server output, ${responses.length} responses, ${tables.size} tables (${logged} activity rows)`);
});
