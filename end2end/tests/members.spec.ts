import { expect, test } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";

test("an owner invites a volunteer by a one-time link, who joins as a host and later resets a forgotten password by the owner's link", async ({ page, browser }, info) => {
  await page.goto("/sign-in?next=/manage");
  await page.getByLabel("E-mail address").fill("owner@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/manage$/);
  await page.locator("#org-families-association").getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Members");
  await expect(page.locator("tr", { hasText: "organiser@example.org" })).toBeVisible();

  const email = `volunteer-${info.project.name}@example.org`;
  const invite = page.locator("form.invite");
  await invite.getByLabel("E-mail").fill(email);
  await invite.getByLabel("Role").selectOption("host");
  await invite.getByRole("button", { name: "Make an invitation link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[0-9a-f]{64}$/);

  // The volunteer, in another browser with no session, makes an account from the link.
  const other = await browser.newContext({ javaScriptEnabled: info.project.name === "js" });
  const volunteer = await other.newPage();
  await volunteer.goto(link);
  await expect(volunteer.getByText("as host")).toBeVisible();
  await expect(volunteer.getByLabel("E-mail")).toHaveValue(email);
  await volunteer.getByLabel("Your name").fill("Volunteer");
  await volunteer.getByLabel("Password", { exact: true }).fill("a long walk to the park");
  await volunteer.getByLabel("The password again").fill("a long walk to the parc");
  await volunteer.getByRole("button", { name: "Make my account and join" }).click();
  await expect(volunteer.getByRole("alert")).toHaveText("The two passwords differ.");
  await expect(volunteer.getByLabel("Your name")).toHaveValue("Volunteer");
  await volunteer.getByLabel("Password", { exact: true }).fill("a long walk to the park");
  await volunteer.getByLabel("The password again").fill("a long walk to the park");
  await volunteer.getByRole("button", { name: "Make my account and join" }).click();
  await expect(volunteer).toHaveURL(/\/manage#org-families-association$/);
  await expect(volunteer.locator("#org-families-association")).toContainText("host");

  // The link worked once.
  await volunteer.goto(link);
  await expect(volunteer.getByText("This invitation has been used.")).toBeVisible();
  await other.close();

  // The owner sees the new member and can change their role.
  await page.goto("/manage/o/families-association/members");
  const row = page.locator("tr", { hasText: email });
  await expect(row).toBeVisible();
  await row.getByLabel("Role").selectOption("viewer");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(page.locator("tr", { hasText: email })).toHaveAttribute("data-role", "viewer");

  // The volunteer forgets their password: the owner makes them a one-time reset link.
  await page.locator("tr", { hasText: email }).getByRole("button", { name: "Password-reset link" }).click();
  await expect(page.getByRole("status")).toContainText(`Password-reset link for ${email} made`);
  const reset = await page.getByLabel("Password-reset link").inputValue();
  expect(reset).toMatch(/\/reset\/[0-9a-f]{64}$/);
  const later = await browser.newContext({ javaScriptEnabled: info.project.name === "js" });
  const forgetful = await later.newPage();
  await forgetful.goto(reset);
  await expect(forgetful.getByRole("heading", { level: 1 })).toHaveText("Set a new password");
  await expect(forgetful.locator(".reset")).toContainText(email);
  await forgetful.getByLabel("New password", { exact: true }).fill("too short");
  await forgetful.getByLabel("The new password again").fill("too short");
  await forgetful.getByRole("button", { name: "Set the password and sign in" }).click();
  await expect(forgetful.getByRole("alert")).toHaveText("Use at least 10 characters.");
  await expect(forgetful.getByLabel("New password", { exact: true })).toHaveValue("");
  await forgetful.getByLabel("New password", { exact: true }).fill("a new walk to the park");
  await forgetful.getByLabel("The new password again").fill("a new walk to the park");
  await forgetful.getByRole("button", { name: "Set the password and sign in" }).click();
  await expect(forgetful).toHaveURL(/\/manage$/);
  await expect(forgetful.locator("#org-families-association")).toBeVisible();
  // The link worked once.
  await forgetful.goto(reset);
  await expect(forgetful.getByText("This link no longer works")).toBeVisible();
  await later.close();
});
