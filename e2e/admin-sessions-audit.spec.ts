// Roles and sessions with real next-auth session cookies, and the owner's Audit log: a lowered role and
// "Sign out everywhere" take effect on the admin's next request; every change shows up in the audit
// log with its actor, and the CSV export downloads the filtered rows.
import { expect, test } from "@playwright/test";
import { OWNER, signIn, uniqueName } from "./support";

test("a lowered role and sign out everywhere take effect on the next request, and the owner sees it all in the audit log", async ({ page, browser }) => {
  const manager = { email: `manager.${Date.now().toString(36)}@roster.test`, password: "manager password for e2e" };

  // The owner adds a directory manager.
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto("/admin/admins");
  await page.getByLabel("Email").fill(manager.email);
  await page.getByLabel("Initial password").fill(manager.password);
  await page.getByLabel("Role").selectOption("directoryManager");
  await page.getByRole("button", { name: "Add admin" }).click();
  const row = page.getByTestId("admin-row").filter({ hasText: manager.email });
  await expect(row).toContainText("Directory manager");

  // The manager signs in in a browser of their own and can create directories.
  const other = await browser.newContext();
  const managerPage = await other.newPage();
  await signIn(managerPage, manager.email, manager.password);
  await expect(managerPage.getByRole("link", { name: "Create user directory" }).first()).toBeVisible();

  // The owner lowers them to viewer: their very next page load has no management controls.
  await row.getByRole("button", { name: "Make viewer" }).click();
  await expect(row).toContainText("Viewer");
  await managerPage.reload();
  await expect(managerPage.getByRole("heading", { level: 1, name: "User directories" })).toBeVisible();
  await expect(managerPage.getByRole("link", { name: "Create user directory" })).toHaveCount(0);

  // The owner ends every session of theirs: the next request goes to the sign-in page.
  await row.getByRole("button", { name: `Sign out ${manager.email} everywhere` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await managerPage.goto("/admin/directories");
  await managerPage.waitForURL("**/signin**");
  // Signing in again works.
  await signIn(managerPage, manager.email, manager.password);
  await other.close();

  // A directory change by the owner, to find in the log.
  const name = uniqueName("Audited");
  await page.goto("/admin/directories/new");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create directory" }).click();
  await page.waitForURL(/\/admin\/directories\/(?!new)[^/]+$/);

  // The Audit log: every step above, filterable, with detail and CSV.
  await page.getByRole("link", { name: "Audit log" }).click();
  await page.waitForURL("**/admin/audit");
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "Admin added" }).filter({ hasText: manager.email })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Admin role changed" }).filter({ hasText: manager.email })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Signed out everywhere" }).filter({ hasText: manager.email })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Signed in" }).filter({ hasText: manager.email })).toHaveCount(2);

  await page.getByLabel("Action").selectOption("directory.create");
  await page.getByLabel("Target").fill(name);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(OWNER.email);
  await rows.first().getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Directory created" })).toBeVisible();
  await expect(page.getByLabel("After")).toContainText(name);
  await page.goBack();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  const lines = text.trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('"directory.create"');
  expect(lines[1]).toContain(name);

  // Only owners: the manager (now a viewer) gets neither the page nor the export.
  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, manager.email, manager.password);
  await expect(viewerPage.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await viewerPage.goto("/admin/audit");
  await expect(viewerPage.getByTestId("access-denied")).toBeVisible();
  expect((await viewerPage.request.get("/admin/audit/export")).status()).toBe(403);

  // Any admin can end every session of their own, from the sidebar: another browser of theirs too.
  const second = await browser.newContext();
  const secondPage = await second.newPage();
  await signIn(secondPage, manager.email, manager.password);
  await viewerPage.goto("/admin/directories");
  await viewerPage.getByRole("complementary").getByRole("button", { name: "Sign out everywhere" }).click();
  await viewerPage.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await viewerPage.waitForURL("**/signin**");
  await secondPage.reload();
  await secondPage.waitForURL("**/signin**");
  await second.close();
  await viewer.close();
});
