// (4) Administration › Webhooks: a manager creates an endpoint (the secret shown once), provisions a
// user, and watches the delivery land on a real receiver (signature verified by the standardwebhooks
// package); then Send test event, the delivery log, Disable/Enable and Rotate secret on its page.
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver } from "../tests/support/webhook-receiver";
import { OWNER, signIn, snap } from "./support";

test("a webhook receives signed events, and its page drives test, disable, enable and rotation", async ({ page }) => {
  const receiver = await startWebhookReceiver();
  try {
    await signIn(page, OWNER.email, OWNER.password);
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.waitForURL("**/admin/webhooks");
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByRole("button", { name: "Create webhook" }).click();
    const secret = (await page.getByTestId("new-webhook-secret-value").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);
    // Kept to sign with, not as a hash: the panel says so.
    await expect(page.getByTestId("new-webhook-secret")).toContainText("Roster keeps it only to sign requests");
    await snap(page, "30-webhook-created");

    await page.getByRole("link", { name: receiver.url }).first().click();
    await page.waitForURL(/\/admin\/webhooks\/[^/]+$/);
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.received.length).toBeGreaterThan(0);
    const test = receiver.received[0];
    expect(new Webhook(secret).verify(test.body, test.headers as Record<string, string>)).toMatchObject({ type: "webhook.test" });
    await page.reload();
    await expect(page.getByTestId("webhook-attempt-row").first()).toContainText("webhook.test");

    await page.getByRole("button", { name: "Disable" }).click();
    await expect(page.getByText("Disabled by owner@roster.test")).toBeVisible();
    await page.getByRole("button", { name: "Enable" }).click();
    await expect(page.getByRole("button", { name: "Disable" })).toBeVisible();

    await page.getByRole("button", { name: "Rotate secret" }).click();
    const rotated = (await page.getByTestId("new-webhook-secret-value").textContent())?.trim() ?? "";
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await snap(page, "31-webhook-detail");
  } finally {
    await receiver.close();
  }
});
