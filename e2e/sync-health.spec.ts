// Sync health in the console: a directory whose identity provider gets answers Roster refuses goes
// from Healthy to Failing, with the reason in words, on its overview, in the directory list, and in
// its Cycles tab.
import { expect, test } from "@playwright/test";
import { isDirectoryOverview, OWNER, signIn, snap, uniqueName } from "./support";

const SCIM = "application/scim+json";

test("a directory going failing shows the state and its reason", async ({ page, request }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole("link", { name: "Create user directory" }).first().click();
  const name = uniqueName("Fabrikam sync");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("switch", { name: "Active" }).check();
  await page.getByRole("button", { name: "Create directory" }).click();
  await page.waitForURL(isDirectoryOverview);
  const directoryUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("health-badge").first()).toHaveAttribute("data-state", "new");

  await page.getByRole("navigation", { name: "Directory sections" }).getByRole("link", { name: "API Clients" }).click();
  await page.getByLabel("Label").fill("Entra ID");
  await page.getByRole("button", { name: "Create API client" }).click();
  const clientId = (await page.getByTestId("new-client-id").textContent())!.trim();
  const clientSecret = (await page.getByTestId("new-client-secret-value").textContent())!.trim();

  const token = (await (await request.post("/api/oauth/token", { form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret } })).json()) as { access_token: string };
  const headers = { authorization: `Bearer ${token.access_token}`, "content-type": SCIM, accept: SCIM };
  // A good start: the user is created.
  expect((await request.post("/api/scim/v2/Users", { headers, data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "ada@fabrikam.example" } })).status()).toBe(201);
  await page.goto(directoryUrl);
  await expect(page.getByTestId("sync-health").getByTestId("health-badge")).toHaveAttribute("data-state", "healthy");

  // Then the identity provider sends what Roster must refuse: a user without a userName, five times.
  for (let i = 0; i < 5; i++) {
    const res = await request.post("/api/scim/v2/Users", { headers, data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], displayName: `Nobody ${i}` } });
    expect(res.status()).toBe(400);
  }
  // The activity row (and its bookkeeping) is written just after each answer.
  await expect(async () => {
    await page.goto(directoryUrl);
    await expect(page.getByTestId("sync-health").getByTestId("health-badge")).toHaveAttribute("data-state", "failing", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const card = page.getByTestId("sync-health");
  await expect(card.getByTestId("health-badge")).toContainText("Failing");
  await expect(page.getByTestId("health-reason")).toHaveText(/^5 of the last 7 requests failed \(71%\); latest: 400 invalidValue/);
  await expect(card).toContainText("7 requests, 5 failed");
  await expect(card).toContainText("Next cycle: not known until Roster has seen two cycles");
  await expect(card).toContainText("5 × invalidValue: userName is required");
  await snap(page, "30-sync-health-failing");
  // Top errors over another period: the same refusals, all within the last 24 hours.
  await card.getByRole("navigation", { name: "Top errors period" }).getByRole("link", { name: "24 hours" }).click();
  await expect(page.getByTestId("top-errors")).toContainText("Top errors, last 24 hours");
  await expect(page.getByTestId("top-errors")).toContainText("5 × invalidValue: userName is required");
  await expect(page.getByTestId("top-errors").getByRole("link", { name: "24 hours" })).toHaveAttribute("aria-current", "page");

  // The directory list carries the badge, its reason in the tooltip.
  await page.goto("/admin/directories");
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByTestId("health-badge")).toHaveAttribute("data-state", "failing");
  await expect(row.getByTestId("health-badge")).toHaveAttribute("title", /5 of the last 7 requests failed/);

  // Cycles tab: one cycle; its page lists the requests and the user.created event.
  await page.goto(`${directoryUrl}/cycles`);
  await expect(page.getByTestId("cycle-row")).toHaveCount(1);
  await expect(page.getByTestId("cycle-row")).toContainText("users: 1 created");
  await snap(page, "31-sync-cycles");
  await page.getByTestId("cycle-row").getByRole("link").first().click();
  await expect(page.getByTestId("cycle-summary")).toContainText("7");
  await expect(page.getByRole("cell", { name: "user.created" })).toBeVisible();
  await expect(page.getByRole("link", { name: /POST \/api\/scim\/v2\/Users/ })).toHaveCount(6);
  await snap(page, "32-sync-cycle");
});
