// next-auth options, loaded once per process: the session secret may have to be read from (or first
// written to) the database, so the options are built asynchronously and cached as a promise.
import { headers } from "next/headers";
import type { AuthOptions, Profile } from "next-auth";
import AzureADProvider from "next-auth/providers/azure-ad";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "@/lib/db/client";
import { settings } from "@/lib/settings";
import { clientAddress } from "@/lib/http/client-address";
import { configuredPublicOrigin, secureCookiesEnabled, sessionMaxAgeSeconds } from "./auth-config";
import { admitSsoUser, type SsoProvider } from "./admit-sso-user";
import { ensureBootstrapAdmin } from "./bootstrap-admin";
import { recordSsoCallbackFailure } from "./record-sso-callback-failure";
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

/** next-auth keeps the IdP's profile for the signIn callback; only the subject is the user's id here. */
const ssoProfile = (profile: Profile & { sub?: string }) => ({ id: String(profile.sub ?? ""), email: profile.email ?? null, name: profile.name ?? null });

/**
 * The single sign-on providers configured (lib/settings.ts: ROSTER_OIDC_*, ROSTER_ENTRA_*): authorization
 * code flow with PKCE, state and nonce all checked by next-auth, the ID token verified against the
 * issuer's keys. Ids are part of Roster's interface: "oidc" (callback /api/auth/callback/oidc) and
 * "azure-ad" (callback /api/auth/callback/azure-ad).
 */
export function ssoProviders(sso = settings().sso): OAuthConfig<Profile & { sub?: string }>[] {
  const providers: OAuthConfig<Profile & { sub?: string }>[] = [];
  if (sso.oidc) {
    providers.push({
      id: "oidc",
      name: sso.oidc.name,
      type: "oauth",
      wellKnown: `${sso.oidc.issuer}/.well-known/openid-configuration`,
      issuer: sso.oidc.issuer,
      clientId: sso.oidc.clientId,
      clientSecret: sso.oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      profile: ssoProfile,
    });
  }
  if (sso.entra) {
    providers.push(
      AzureADProvider({
        name: "Microsoft Entra ID",
        tenantId: sso.entra.tenantId,
        clientId: sso.entra.clientId,
        clientSecret: sso.entra.clientSecret,
        idToken: true,
        checks: ["pkce", "state", "nonce"],
        // Not the provider's default, which fetches a photo from Microsoft Graph at every sign-in.
        profile: ssoProfile,
      }) as OAuthConfig<Profile & { sub?: string }>,
    );
  }
  return providers;
}

/** The client address of the request being handled (the callback runs inside the /api/auth route). */
async function currentRequestAddress(): Promise<string | undefined> {
  try {
    return clientAddress({ headers: await headers() });
  } catch {
    return undefined; // outside a request (tests calling the callback directly)
  }
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
    logger: {
      // next-auth's own line, and a failed single sign-on callback (state, PKCE, nonce, the provider's
      // error) into the audit log; the write must never fail the redirect next-auth is about to answer.
      error(code, metadata) {
        console.error(`[next-auth][error][${code}]`, metadata instanceof Error ? metadata.message : ((metadata as { error?: Error })?.error?.message ?? ""));
        const { providerId, error } = (metadata ?? {}) as { providerId?: unknown; error?: unknown };
        if (code !== "OAUTH_CALLBACK_ERROR" || typeof providerId !== "string") return;
        void currentRequestAddress()
          .then((ip) => recordSsoCallbackFailure({ providerId, error, ip }))
          .catch((e: unknown) => console.error("[roster] could not audit a failed single sign-on:", e instanceof Error ? e.message : e));
      },
    },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const { passwordSignIn, breakGlassEmail } = settings().auth;
          const email = typeof credentials?.email === "string" ? credentials.email.trim().toLowerCase() : "";
          // With ROSTER_PASSWORD_SIGNIN=false only the break-glass owner may use a password (an owner: an
          // address of a lower role named there by mistake gets no password way in either).
          if (!passwordSignIn && (!breakGlassEmail || email !== breakGlassEmail)) throw new Error("password_signin_off");
          if (!passwordSignIn && !(await getDb().prisma.admin.findUnique({ where: { email }, select: { isOwner: true } }))?.isOwner) throw new Error("password_signin_off");
          const result = await verifyAdminCredentials({ email: credentials?.email, password: credentials?.password, ip: requestAddress(request) });
          if (!result.ok) {
            // next-auth turns a thrown Error's message into ?error=…; the sign-in form maps it to text.
            if (result.reason === "throttled") throw new Error("throttled");
            return null;
          }
          return { id: result.admin.id, email: result.admin.email, name: result.admin.name || null, sessionVersion: result.admin.sessionVersion };
        },
      }),
      ...ssoProviders(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (!account || account.provider === "credentials") return true;
        const result = await admitSsoUser({ provider: account.provider as SsoProvider, claims: (profile ?? {}) as Record<string, unknown>, ip: await currentRequestAddress() });
        if (!result.ok) return `/signin?error=${result.reason === "not_allowed" ? "SsoNotAllowed" : "SsoNoVerifiedEmail"}`;
        // The same object reaches the jwt callback: the session names the Roster admin, not the IdP subject.
        user.id = result.admin.id;
        user.email = result.admin.email;
        user.sessionVersion = result.admin.sessionVersion;
        return true;
      },
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
