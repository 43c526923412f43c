// (1) First run: /setup creates the owner on an empty database and then closes; sign in and out.
import { expect, test } from "@playwright/test";
import { OWNER, signIn, signOut, snap } from "./support";

test("first-run setup creates the owner, then closes; the owner signs in and out", async ({ page }) => {
  await page.goto("/");
  await page.waitForURL("**/setup");
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  await snap(page, "01-setup");

  // Inline validation from the server action (zod), keeping what was typed.
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("short");
  await page.getByRole("button", { name: "Create owner and sign in" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(OWNER.email);

  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByLabel("Confirm password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner and sign in" }).click();
  await page.waitForURL("**/admin/directories");
  await expect(page.getByRole("heading", { level: 1, name: "User directories" })).toBeVisible();
  await expect(page.getByText("No user directories yet")).toBeVisible();
  await snap(page, "02-directories-empty");

  // Setup is closed now.
  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "Roster is already set up" })).toBeVisible();

  await page.goto("/admin/directories");
  await signOut(page);
  await snap(page, "03-signin");

  // Signed out: admin pages send you to sign in.
  await page.goto("/admin/directories");
  await page.waitForURL("**/signin**");

  // A wrong password is refused with a readable message.
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Incorrect email or password.")).toBeVisible();

  await signIn(page, OWNER.email, OWNER.password);
  await expect(page.getByText(OWNER.email).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Admins" })).toBeVisible();
});
