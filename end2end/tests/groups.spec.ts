import { expect, test } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";

test("an organiser renames a series, takes an occurrence out and deletes the series", async ({ page }, info) => {
  await page.goto("/sign-in?next=/manage/o/families-association/tirana-park-2023/edit");
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  // A gathering of this run's own, repeated once a week later.
  const day = info.project.name === "js" ? "2027-02-02" : "2027-02-03";
  const copy = page.locator("section.duplicate");
  await copy.getByLabel("Date").fill(day);
  await copy.getByLabel("Title").fill(`Weekly vigil (${info.project.name})`);
  await copy.getByRole("button", { name: "Make the copy" }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  const edit = page.url().replace(/\/agenda$/, "/edit");
  await page.goto(edit);
  const series = page.locator("section.series");
  await series.getByLabel("Every week").check();
  await series.getByLabel(/How many more times/).fill("1");
  await series.getByRole("button", { name: "Make the occurrences" }).click();
  await expect(page).toHaveURL(/\/edit#series$/);

  await page.getByRole("link", { name: "Change the series" }).click();
  await expect(page.locator("ul.group-gatherings > li")).toHaveCount(2);
  const name = `Tuesday vigils (${info.project.name})`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  await page.locator("ul.group-gatherings > li").nth(1).getByRole("button", { name: "Take out" }).click();
  await expect(page.locator("ul.group-gatherings > li")).toHaveCount(1);

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/manage$/);
  // The gathering itself stays.
  expect((await page.goto(edit))?.status()).toBe(200);
  await expect(page.getByRole("link", { name: "Change the series" })).toHaveCount(0);
});
