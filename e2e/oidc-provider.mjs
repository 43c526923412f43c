// A real OpenID Connect provider for the end-to-end tests (the npm package oidc-provider), on loopback:
// its development login form accepts any login, which is the account id; the accounts below carry the
// claims each test needs (a verified email, a groups claim). Started by playwright.config.ts.
//   node e2e/oidc-provider.mjs <port> <Roster's origin>
import { createServer } from "node:http";
import Provider from "oidc-provider";

const [port, rosterOrigin] = [Number(process.argv[2]), process.argv[3]];
export const CLIENT = { id: "roster-e2e", secret: "roster-e2e-client-secret-not-a-real-one" };

/** Claims by login; any other login is an account whose email is the login, verified. */
const ACCOUNTS = {
  "unverified@allowed.test": { email: "unverified@allowed.test", email_verified: false },
  "manager@allowed.test": { email: "manager@allowed.test", email_verified: true, name: "Mia Manager", groups: ["Staff", "Roster.DirectoryManager"] },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      redirect_uris: [`${rosterOrigin}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  // The ID token carries the claims (next-auth reads the profile from it).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ["oidc-provider-e2e-cookie-key"] },
  async findAccount(_ctx, id) {
    const claims = ACCOUNTS[id] ?? { email: id, email_verified: true, name: id.split("@")[0] };
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
});
// Behind no proxy, on plain http: only ever on 127.0.0.1.
createServer(provider.callback()).listen(port, "127.0.0.1", () => console.log(`[oidc-provider] http://127.0.0.1:${port}`));
