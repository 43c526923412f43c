// (2) The whole Microsoft Entra ID walk-through: create and activate a SCIM directory, create an API
// client (its secret shown once), get a token with it, provision a user and a group over SCIM
// (RFC 7644) as Entra ID would, and see them — and the requests — in the console.
import { expect, test } from "@playwright/test";
import { OWNER, isDirectoryOverview, signIn, snap, uniqueName } from "./support";

const SCIM = "application/scim+json";

test("Entra ID walk-through: directory → API client → token → SCIM user and group → console", async ({ page, request, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signIn(page, OWNER.email, OWNER.password);

  // Create user directory: type SCIM, activated.
  await page.getByRole("link", { name: "Create user directory" }).first().click();
  await page.waitForURL("**/admin/directories/new");
  const name = uniqueName("Contoso Entra ID");
  await page.getByLabel("Name").fill(name);
  await expect(page.getByRole("radio", { name: /SCIM 2\.0/ })).toBeChecked();
  await page.getByRole("switch", { name: "Active" }).check();
  await snap(page, "04-directory-new");
  await page.getByRole("button", { name: "Create directory" }).click();
  await page.waitForURL(isDirectoryOverview);
  const directoryUrl = new URL(page.url()).pathname;

  // Overview: connection details for Entra ID.
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("tenant-url")).toHaveText(`${baseURL}/api/scim/v2`);
  await expect(page.getByTestId("token-endpoint")).toHaveText(`${baseURL}/api/oauth/token`);
  await expect(page.locator('li[data-state="done"]', { hasText: "Activate this directory" })).toBeVisible();

  // API Clients → create → the secret is shown once.
  await page.getByRole("navigation", { name: "Directory sections" }).getByRole("link", { name: "API Clients" }).click();
  await page.waitForURL(`**${directoryUrl}/clients`);
  await page.getByLabel("Label").fill("Entra ID production");
  await page.getByRole("button", { name: "Create API client" }).click();
  const panel = page.getByTestId("new-client-secret");
  await expect(panel).toBeVisible();
  await expect(panel.getByText("Copy the client secret now")).toBeVisible();
  const clientId = (await page.getByTestId("new-client-id").textContent())!.trim();
  const clientSecret = (await page.getByTestId("new-client-secret-value").textContent())!.trim();
  expect(clientId).not.toBe("");
  expect(clientSecret.length).toBeGreaterThanOrEqual(32);
  await panel.getByRole("button", { name: "Copy Client Secret" }).click();
  await expect(panel.getByRole("button", { name: "Copy Client Secret" })).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientSecret);
  expect(page.url()).not.toContain(clientSecret);
  await snap(page, "05-api-client-secret-once");

  // Reload: the secret is gone for good (the client is listed, its secret is not).
  await page.reload();
  await expect(page.getByTestId("new-client-secret")).toHaveCount(0);
  await expect(page.getByTestId("api-client-row").filter({ hasText: clientId })).toBeVisible();
  expect(await page.content()).not.toContain(clientSecret);
  await snap(page, "06-api-clients");

  // Entra ID's side: client-credentials token (RFC 6749 §4.4), then SCIM POSTs (RFC 7644 §3.3).
  const tokenRes = await request.post("/api/oauth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
  });
  expect(tokenRes.status(), await tokenRes.text()).toBe(200);
  const token = (await tokenRes.json()) as { access_token: string; token_type: string };
  expect(token.token_type.toLowerCase()).toBe("bearer");
  const auth = { authorization: `Bearer ${token.access_token}`, "content-type": SCIM, accept: SCIM };

  const userName = `adele.vance.${Date.now().toString(36)}@contoso.example`;
  const userRes = await request.post("/api/scim/v2/Users", {
    headers: auth,
    data: JSON.stringify({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      userName,
      externalId: "0a1b2c3d-e2e0-4f00-9000-00000000a001",
      active: true,
      displayName: "Adele Vance",
      name: { givenName: "Adele", familyName: "Vance", formatted: "Adele Vance" },
      emails: [{ value: userName, type: "work", primary: true }],
      title: "Retail Manager",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Retail", employeeNumber: "E-1001" },
    }),
  });
  expect(userRes.status(), await userRes.text()).toBe(201);
  const user = (await userRes.json()) as { id: string };

  const groupName = uniqueName("Retail Managers");
  const groupRes = await request.post("/api/scim/v2/Groups", {
    headers: auth,
    data: JSON.stringify({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: groupName,
      externalId: "0a1b2c3d-e2e0-4f00-9000-00000000b001",
      members: [{ value: user.id }],
    }),
  });
  expect(groupRes.status(), await groupRes.text()).toBe(201);
  const group = (await groupRes.json()) as { id: string };

  // Users tab shows the user; its detail shows attributes, the group and the raw resource.
  await page.goto(`${directoryUrl}/users`);
  await expect(page.getByRole("link", { name: userName })).toBeVisible();
  await snap(page, "07-users");
  await page.getByLabel("Search users").fill("adele.");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: userName })).toBeVisible();
  await page.getByRole("link", { name: userName }).click();
  await page.waitForURL(`**${directoryUrl}/users/${user.id}`);
  await expect(page.getByRole("heading", { name: "Adele Vance" })).toBeVisible();
  await expect(page.getByRole("link", { name: groupName })).toBeVisible();
  await expect(page.getByText("Retail Manager", { exact: true })).toBeVisible();
  await expect(page.getByLabel("SCIM resource JSON")).toContainText(userName);
  await snap(page, "08-user-detail");

  // Groups tab shows the group with its member.
  await page.goto(`${directoryUrl}/groups`);
  const groupRow = page.getByRole("row").filter({ hasText: groupName });
  await expect(groupRow).toBeVisible();
  await expect(groupRow.getByRole("cell").nth(1)).toHaveText("1");
  await snap(page, "09-groups");
  await page.getByRole("link", { name: groupName }).click();
  await page.waitForURL(`**${directoryUrl}/groups/${group.id}`);
  await expect(page.getByRole("link", { name: userName })).toBeVisible();
  await snap(page, "10-group-detail");

  // Activity tab shows the token request and both SCIM requests; a row opens the full exchange.
  await page.goto(`${directoryUrl}/activity`);
  const rows = page.getByTestId("activity-row");
  await expect(rows.filter({ hasText: "POST /api/scim/v2/Users" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "POST /api/scim/v2/Groups" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "/api/oauth/token" }).first()).toBeVisible();
  await snap(page, "11-activity");
  await page.getByLabel("Operation").selectOption("user.create");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("link", { name: /POST \/api\/scim\/v2\/Users/ }).click();
  await expect(page.getByText("Roster accepted the request.")).toBeVisible();
  await expect(page.getByLabel("Request body")).toContainText(userName);
  await expect(page.getByLabel("Response body")).toContainText(user.id);
  await snap(page, "12-activity-detail");

  // Overview checklist now confirms the token and the users; Settings renders.
  await page.goto(directoryUrl);
  await expect(page.locator('li[data-state="done"]', { hasText: "Test Connection" })).toBeVisible();
  await expect(page.locator('li[data-state="done"]', { hasText: "Start provisioning" })).toBeVisible();
  await snap(page, "13-overview");
  await page.goto(`${directoryUrl}/settings`);
  await expect(page.getByRole("heading", { name: "Deprovisioning" })).toBeVisible();
  await page.getByLabel("Field name").fill("costCenter");
  await page.getByLabel("Label").fill("Cost center");
  await page.getByRole("button", { name: "Add field" }).click();
  await expect(page.getByRole("cell", { name: "profileField_costCenter", exact: true })).toBeVisible();
  await snap(page, "14-settings");

  await page.goto("/admin/directories");
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Active");
  await snap(page, "15-directories");

  // Narrow screens: the layout stacks, nothing overflows horizontally.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [`${directoryUrl}/users/${user.id}`, `${directoryUrl}/activity`, `${directoryUrl}/clients`, directoryUrl]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `horizontal overflow on ${path}`).toBe(true);
  }
  await expect(page.getByTestId("tenant-url")).toBeVisible();
  await snap(page, "19-overview-mobile");
});
