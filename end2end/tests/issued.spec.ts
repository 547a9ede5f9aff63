import { expect, test } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";

test("an organiser issues an open letter, a wrong date is refused, and the public reads it", async ({ page }, info) => {
  await page.goto("/sign-in?next=/manage");
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#org-families-association").getByRole("link", { name: "Statements and letters" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statements and letters");

  const title = `Letter to the Mayor (${info.project.name})`;
  await page.getByLabel("Open letter").check();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Addressed to").fill("To the Mayor of Tirana");
  await page.getByLabel("Written in").fill("en");
  await page.getByLabel("Text", { exact: true }).fill("Dear Mayor,\n\nWe ask for the park again.\n\nThe families");
  await page.getByLabel("Signatories").fill("Families' Association\nMothers of Tirana");
  await page.getByLabel("Number of signatures").fill("1");
  await page.getByLabel(/Published:/).check();
  await page.getByLabel("Date").fill("2024-03-20");
  await page.getByRole("button", { name: "Save it" }).click();
  // One signature for two names is refused beside its field; what was typed stays.
  await expect(page.locator(".field-error")).toContainText("cannot be smaller than");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByLabel("Text", { exact: true })).toHaveValue(/We ask for the park again/);
  await page.getByLabel("Number of signatures").fill("40");
  await page.getByRole("button", { name: "Save it" }).click();
  await expect(page).toHaveURL(/\/manage\/o\/families-association\/statements\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  await page.getByRole("link", { name: "Its public page" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".addressee")).toContainText("To the Mayor of Tirana");
  await expect(page.locator(".letter p")).toHaveCount(3);
  await expect(page.locator(".signatories")).toContainText("Signed by 40 people.");
  await expect(page.locator(".signatories li")).toHaveCount(2);

  // The organisation's page leads to the list, which has the letter.
  await page.goto("/o/families-association");
  await page.getByRole("link", { name: "Statements and letters" }).click();
  await expect(page.locator(".issued-list")).toContainText(title);
});

test("the Women's Day conference links the statement it read, in Persian too", async ({ page }) => {
  await page.goto("/o/families-association/womens-day-conference-2024?lang=fa");
  const link = page.locator(".agenda .reads a");
  await expect(link).toHaveText("بیانیه به مناسبت روز جهانی زن");
  await link.click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("بیانیه به مناسبت روز جهانی زن");
  await expect(page.locator("ol.points li")).toHaveCount(3);
  // Its points are numbered in Persian digits.
  await expect(page.locator("ol.points")).toHaveCSS("list-style-type", "persian");
  await expect(page.locator(".read-at")).toContainText("International Women's Day conference");
});
