// next-auth options, loaded once per process: the session secret may have to be read from (or first
// written to) the database, so the options are built asynchronously and cached as a promise.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientAddress } from "@/lib/http/client-address";
import { configuredPublicOrigin, secureCookiesEnabled, sessionMaxAgeSeconds } from "./auth-config";
import { ensureBootstrapAdmin } from "./bootstrap-admin";
import { getSessionSecret } from "./session-secret";
import { verifyAdminCredentials } from "./verify-credentials";

/** The client address of a next-auth request (its headers are a plain object, not a Headers). */
function requestAddress(request: { headers?: Record<string, unknown> } | undefined): string | undefined {
  const headers = new Headers();
  for (const name of ["x-forwarded-for", "x-real-ip"]) {
    const value = request?.headers?.[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return clientAddress({ headers });
}

declare module "next-auth" {
  interface Session {
    adminId?: string;
    sessionVersion?: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

let cached: Promise<AuthOptions> | undefined;

export function getAuthOptions(): Promise<AuthOptions> {
  cached ??= buildAuthOptions().catch((e) => {
    cached = undefined; // a database that was briefly unreachable must not poison every later request
    throw e;
  });
  return cached;
}

/** For tests: forget the cached options (e.g. after changing the environment). */
export function resetAuthOptionsForTests() {
  cached = undefined;
}

async function buildAuthOptions(): Promise<AuthOptions> {
  const secret = await getSessionSecret();
  try {
    await ensureBootstrapAdmin();
  } catch (e) {
    console.error("[roster] could not create the admin from ROSTER_ADMIN_EMAIL:", e instanceof Error ? e.message : e);
  }
  // next-auth 4 builds absolute URLs from NEXTAUTH_URL and only warns when it is missing; ROSTER_BASE_URL
  // is the same origin, so use it. Without either, the route handler derives it from the first request.
  const origin = configuredPublicOrigin();
  if (origin) process.env.NEXTAUTH_URL = origin;
  const maxAge = sessionMaxAgeSeconds();

  return {
    secret,
    session: { strategy: "jwt", maxAge, updateAge: Math.min(60 * 60, maxAge) },
    jwt: { maxAge },
    // Cookies are httpOnly and SameSite=Lax by default; Secure (and the __Secure- prefix) over https.
    useSecureCookies: secureCookiesEnabled(),
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const result = await verifyAdminCredentials({ email: credentials?.email, password: credentials?.password, ip: requestAddress(request) });
          if (!result.ok) {
            // next-auth turns a thrown Error's message into ?error=…; the sign-in form maps it to text.
            if (result.reason === "throttled") throw new Error("throttled");
            return null;
          }
          return { id: result.admin.id, email: result.admin.email, name: result.admin.name || null, sessionVersion: result.admin.sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.adminId = user.id;
          token.sessionVersion = user.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        session.adminId = typeof token.adminId === "string" ? token.adminId : undefined;
        session.sessionVersion = typeof token.sessionVersion === "number" ? token.sessionVersion : 0;
        return session;
      },
      // Only ever redirect within this site.
      async redirect({ url, baseUrl }) {
        if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          // fall through
        }
        return baseUrl;
      },
    },
  };
}
