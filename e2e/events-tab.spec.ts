// The Events tab: a directory's events newest first, filtered by type and by resource, each expandable
// to its JSON (what GET /api/v1/events returns), and linked to the activity-log row of the SCIM
// request that caused it.
import { expect, test } from "@playwright/test";
import { SCHEMA_GROUP as GROUP, SCHEMA_PATCH_OP as PATCH, SCHEMA_USER as USER } from "../lib/scim/schema";
import { isDirectoryOverview, OWNER, signIn, snap, uniqueName } from "./support";

const SCIM = "application/scim+json";

test("the Events tab lists, filters and expands a directory's events, linked to their requests", async ({ page, request }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole("link", { name: "Create user directory" }).first().click();
  await page.getByLabel("Name").fill(uniqueName("Contoso events"));
  await page.getByRole("switch", { name: "Active" }).check();
  await page.getByRole("button", { name: "Create directory" }).click();
  await page.waitForURL(isDirectoryOverview);
  const directoryUrl = new URL(page.url()).pathname;
  const sections = page.getByRole("navigation", { name: "Directory sections" });

  await sections.getByRole("link", { name: "API Clients" }).click();
  await page.getByLabel("Label").fill("Entra ID");
  await page.getByRole("button", { name: "Create API client" }).click();
  const clientId = (await page.getByTestId("new-client-id").textContent())!.trim();
  const clientSecret = (await page.getByTestId("new-client-secret-value").textContent())!.trim();
  const token = (await (await request.post("/api/oauth/token", { form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret } })).json()) as { access_token: string };
  const headers = { authorization: `Bearer ${token.access_token}`, "content-type": SCIM, accept: SCIM };

  // The identity provider creates a user, a group with that user in it, then renames the user.
  const created = await request.post("/api/scim/v2/Users", { headers, data: { schemas: [USER], userName: "grace@contoso.example", displayName: "Grace" } });
  expect(created.status()).toBe(201);
  const createdRequestId = created.headers()["x-request-id"];
  const userId = ((await created.json()) as { id: string }).id;
  const group = await request.post("/api/scim/v2/Groups", { headers, data: { schemas: [GROUP], displayName: "Engineering", members: [{ value: userId }] } });
  expect(group.status()).toBe(201);
  const groupId = ((await group.json()) as { id: string }).id;
  const renamed = await request.patch(`/api/scim/v2/Users/${userId}`, { headers, data: { schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: "Grace Hopper" }] } });
  expect(renamed.status()).toBe(200);

  // Newest first: the rename, the membership, the group, the user, then the directory's creation (its
  // health's first change, written after the token request's activity row, may fall anywhere between).
  await page.goto(directoryUrl);
  await sections.getByRole("link", { name: "Events" }).click();
  await page.waitForURL(`**${directoryUrl}/events`);
  const rows = page.getByTestId("event-row");
  const badges = rows.filter({ hasNotText: "Health changed" });
  await expect(badges).toHaveCount(5);
  for (const [i, label] of ["User updated", "Member added", "Group created", "User created", "Directory created"].entries()) await expect(badges.nth(i)).toContainText(label);
  await expect(rows.filter({ hasText: "Health changed" })).toContainText("new → healthy");
  await snap(page, "40-events-tab");

  // Filter by type.
  const filters = page.getByRole("form", { name: "Filter events" });
  await filters.getByLabel("Event type").selectOption("user.created");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/[?&]type=user\.created/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("User created");

  // Filter by resource: the group's events, its membership included.
  await page.getByRole("link", { name: "Reset" }).click();
  await page.waitForURL(`**${directoryUrl}/events`);
  await filters.getByLabel("Resource (user or group id)").fill(groupId);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/[?&]resource=/);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Member added");
  await expect(rows.nth(1)).toContainText("Group created");

  // The user's creation, expanded: the event as the feed returns it.
  await page.goto(`${directoryUrl}/events?type=user.created`);
  await rows.first().getByText("Show JSON").click();
  const json = rows.first().getByLabel(/^Event .* as JSON$/);
  await expect(json).toBeVisible();
  const event = JSON.parse((await json.textContent())!) as { id: string; type: string; directoryId: string; data: { user: { id: string; userName: string } } };
  expect(event).toMatchObject({ type: "user.created", directoryId: directoryUrl.split("/").pop(), data: { user: { id: userId, userName: "grace@contoso.example" } } });
  await snap(page, "41-event-expanded");

  // Caused by: the request in the activity log.
  await rows.first().getByRole("link", { name: "the request in the activity log" }).click();
  await page.waitForURL(new RegExp(`${directoryUrl}/activity/[^/]+$`));
  await expect(page.getByText(createdRequestId)).toBeVisible();
  await expect(page.getByRole("heading", { name: "POST /api/scim/v2/Users" })).toBeVisible();
});
