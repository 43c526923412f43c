// Shared steps of the admin-console end-to-end tests.
import { expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export const OWNER = { email: "owner@roster.test", password: "owner password for e2e" };

const ARTIFACTS = join(__dirname, ".artifacts");

/** Saves a full-page screenshot under e2e/.artifacts/ (git-ignored). */
export async function snap(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/admin/directories");
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
  await page.waitForURL("**/signin?signedOut=1");
  await expect(page.getByText("You are signed out.")).toBeVisible();
}

export function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}`;
}

/** A directory's Overview URL (/admin/directories/<id>), not the create page. */
export function isDirectoryOverview(url: URL): boolean {
  return /^\/admin\/directories\/(?!new$)[^/]+$/.test(url.pathname);
}
