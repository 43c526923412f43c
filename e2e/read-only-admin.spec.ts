// (3) A read-only admin, added by the owner on the Admins page, can look but not change: the controls
// are hidden and the create page refuses. (Direct server-action calls are refused too: see
// tests/integration/admin-actions.test.ts.)
import { expect, test } from "@playwright/test";
import { OWNER, isDirectoryOverview, signIn, signOut, snap, uniqueName } from "./support";

test("a read-only admin sees no management controls and cannot open the create page", async ({ page }) => {
  const reader = { email: `reader.${Date.now().toString(36)}@roster.test`, password: "reader password for e2e" };

  await signIn(page, OWNER.email, OWNER.password);
  // A directory to look at.
  await page.goto("/admin/directories/new");
  const name = uniqueName("Read-only check");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create directory" }).click();
  await page.waitForURL(isDirectoryOverview);
  const directoryUrl = new URL(page.url()).pathname;

  // The owner adds a read-only admin.
  await page.getByRole("link", { name: "Admins" }).click();
  await page.waitForURL("**/admin/admins");
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Initial password").fill(reader.password);
  await page.getByRole("button", { name: "Add admin" }).click();
  const row = page.getByTestId("admin-row").filter({ hasText: reader.email });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Viewer");
  await snap(page, "16-admins");
  await signOut(page);

  await signIn(page, reader.email, reader.password);
  await expect(page.getByRole("heading", { level: 1, name: "User directories" })).toBeVisible();
  await expect(page.getByRole("link", { name: name })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create user directory" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Admins" })).toHaveCount(0);
  await snap(page, "17-directories-read-only");

  await page.goto("/admin/directories/new");
  await expect(page.getByTestId("access-denied")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create directory" })).toHaveCount(0);
  await snap(page, "18-create-refused");

  await page.goto(`${directoryUrl}/clients`);
  await expect(page.getByRole("button", { name: "Create API client" })).toHaveCount(0);
  await expect(page.getByText("needs the “Manage user directories” permission")).toBeVisible();

  await page.goto(`${directoryUrl}/settings`);
  await expect(page.getByRole("button", { name: "Delete directory" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save name" })).toBeDisabled();

  await page.goto("/admin/admins");
  await expect(page.getByTestId("access-denied")).toBeVisible();

  // Another directory's id that does not exist is a 404, not an error page.
  await page.goto("/admin/directories/00000000-0000-0000-0000-000000000000/users");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  // A user id that is not in this directory is a 404 inside the directory.
  await page.goto(`${directoryUrl}/users/00000000-0000-0000-0000-000000000000`);
  await expect(page.getByRole("heading", { name: "Not found in this directory" })).toBeVisible();
});
