import { expect, test, type Page } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";
const NEW_PASSWORD = "a brand new passphrase";

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in?next=/manage");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/manage$/);
}

async function changePassword(page: Page, current: string, next: string) {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("The new password again").fill(next);
  await page.getByRole("button", { name: "Change the password" }).click();
}

test("a member changes their password, then signs out everywhere", async ({ page }) => {
  await signIn(page, "owner@example.org");
  await page.getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await expect(page.locator(".account")).toContainText("owner@example.org");

  await changePassword(page, "not the password at all", NEW_PASSWORD);
  await expect(page.getByRole("alert")).toHaveText("This is not your current password.");
  await expect(page.getByLabel("Current password")).toHaveValue("");

  await changePassword(page, PASSWORD, NEW_PASSWORD);
  await expect(page.getByRole("status")).toContainText("Your password is changed.");
  // And back, so that the other tests sign in as before.
  await changePassword(page, NEW_PASSWORD, PASSWORD);
  await expect(page.getByRole("status")).toContainText("Your password is changed.");

  await page.getByRole("button", { name: "Sign out everywhere, here too" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/manage");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Workspace");
});
