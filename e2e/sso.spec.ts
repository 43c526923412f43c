// Single sign-on through a real OpenID Connect provider (e2e/oidc-provider.mjs, the npm package
// oidc-provider, started by playwright.config.ts) with next-auth's real code flow: PKCE, state, nonce,
// ID-token checks. Nothing of next-auth is mocked.
import { expect, test, type Page } from "@playwright/test";
import { OWNER, signIn } from "./support";

const BUTTON = "Sign in with Test IdP";

/** From Roster's sign-in page through the provider's login and consent. */
async function throughProvider(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: BUTTON }).click();
  await page.waitForURL(/\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function expectSignedInAs(page: Page, email: string, role: string) {
  await page.waitForURL("**/admin/directories");
  const sidebar = page.getByRole("complementary");
  await expect(sidebar.getByText(email).first()).toBeVisible();
  await expect(sidebar.getByText(role, { exact: true }).first()).toBeVisible();
}

test("an existing admin is admitted by verified email", async ({ page }) => {
  await throughProvider(page, OWNER.email);
  await expectSignedInAs(page, OWNER.email, "Owner");
});

test("a user of an allowed domain is admitted with the lowest role", async ({ page }) => {
  const email = `viewer.${Date.now().toString(36)}@allowed.test`;
  await throughProvider(page, email);
  await expectSignedInAs(page, email, "Viewer");
  await expect(page.getByRole("link", { name: "Create user directory" })).toHaveCount(0);
});

test("the role comes from the groups claim", async ({ page }) => {
  await throughProvider(page, "manager@allowed.test");
  await expectSignedInAs(page, "manager@allowed.test", "Directory manager");
  await expect(page.getByRole("link", { name: "Create user directory" }).first()).toBeVisible();
});

test("a user of an unknown domain is refused", async ({ page }) => {
  await throughProvider(page, `eve.${Date.now().toString(36)}@unknown.test`);
  await page.waitForURL(/\/signin\?error=SsoNotAllowed/);
  await expect(page.getByText("its email domain is not admitted")).toBeVisible();
  await page.goto("/admin/directories");
  await page.waitForURL(/\/signin/);
});

test("an unverified email is refused", async ({ page }) => {
  await throughProvider(page, "unverified@allowed.test");
  await page.waitForURL(/\/signin\?error=SsoNoVerifiedEmail/);
});

test("a tampered state is refused", async ({ page }) => {
  // The authorization request leaves Roster for the provider with a state that Roster also keeps in a
  // cookie; altered on the way, the provider hands the altered one back and Roster must refuse it.
  let tampered = false;
  await page.route(
    (url) => url.pathname === "/auth" && url.searchParams.has("state"),
    async (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set("state", `${url.searchParams.get("state")}x`);
      tampered = true;
      await route.continue({ url: url.toString() });
    },
  );
  await throughProvider(page, OWNER.email);
  expect(tampered).toBe(true);
  await page.waitForURL(/\/signin\?(.*&)?error=OAuthCallback/);
  await expect(page.getByText("Single sign-on failed")).toBeVisible();
  await page.goto("/admin/directories");
  await page.waitForURL(/\/signin/);
  // The owner finds the failed sign-in in the audit log, with why and without the state's values.
  await signIn(page, OWNER.email, OWNER.password);
  await expect(async () => {
    await page.goto("/admin/audit?action=auth.sign_in_failed");
    await page.getByTestId("audit-row").first().getByRole("link").first().click();
    await expect(page.getByLabel("After")).toContainText("state mismatch", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByLabel("After")).toContainText("callback_error");
});
