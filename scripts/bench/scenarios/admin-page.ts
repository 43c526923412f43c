// The admin console's Users tab of a 100,000-user directory, rendered on the server: sign in through
// next-auth's credentials provider (the owner comes from ROSTER_ADMIN_EMAIL/PASSWORD at start), then
// time full responses one at a time. Anything missing (no admin UI, sign-in refused) is reported as
// n/a, never as a bench failure.
import type { HttpClient, HttpResult } from "../http-client";
import type { RunContext } from "../run-context";
import { BENCH_ADMIN } from "../server";

class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(res: HttpResult) {
    const raw = res.headers["set-cookie"] ?? [];
    for (const line of raw) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(predicate: (name: string) => boolean) {
    return [...this.cookies.keys()].some(predicate);
  }
}

export type AdminPageOutcome = { ok: true } | { ok: false; reason: string };

export async function runAdminPage(run: RunContext, http: HttpClient, directoryId: string, userCount: number): Promise<AdminPageOutcome> {
  const jar = new CookieJar();
  const csrf = await http.request({ method: "GET", path: "/api/auth/csrf" });
  if (csrf.status !== 200) return { ok: false, reason: `GET /api/auth/csrf answered ${csrf.status}` };
  jar.take(csrf);
  let csrfToken: string | undefined;
  try {
    csrfToken = (JSON.parse(csrf.text) as { csrfToken?: string }).csrfToken;
  } catch {
    // handled below
  }
  if (!csrfToken) return { ok: false, reason: "no csrfToken from /api/auth/csrf" };
  const form = new URLSearchParams({ csrfToken, email: BENCH_ADMIN.email, password: BENCH_ADMIN.password, callbackUrl: "/admin", json: "true" });
  const signIn = await http.request({
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header(), origin: http.origin },
    body: form.toString(),
  });
  jar.take(signIn);
  if (!jar.has((n) => n.includes("session-token"))) return { ok: false, reason: `sign-in did not set a session cookie (${signIn.status} ${signIn.text.slice(0, 120)})` };

  const path = `/admin/directories/${directoryId}/users`;
  const page = () => http.request({ method: "GET", path, headers: { cookie: jar.header(), accept: "text/html" } });
  const first = await page();
  if (first.status !== 200) return { ok: false, reason: `GET ${path} answered ${first.status} ${String(first.headers.location ?? "")}` };
  await page();
  const label = `admin users page at ${userCount.toLocaleString("en-US")} users`;
  await run.phase(
    label,
    run.work.adminRenders,
    async (phase) => {
      const res = await http.request({ method: "GET", path, headers: { cookie: jar.header(), accept: "text/html" }, recorder: phase.op(`GET ${"/admin/directories/{id}/users"} (server render)`) });
      if (res.status === 200 && !res.text.includes("contoso.example")) phase.op("GET /admin/directories/{id}/users (server render)").fail(0, "the page lists no user");
    },
    1,
  );
  return { ok: true };
}
