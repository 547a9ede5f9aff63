import { expect, test, type Page } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";
const ORG = "/manage/o/families-association";

async function signIn(page: Page, email: string, next: string) {
  await page.goto(`/sign-in?next=${next}`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an organiser deletes a draft after seeing what goes with it, and an owner recovers it", async ({ browser }, info) => {
  // A draft of this run's own: a copy of the Tirana gathering on another day.
  const organiser = await (await browser.newContext()).newPage();
  await signIn(organiser, "organiser@example.org", `${ORG}/tirana-park-2023/edit`);
  const day = info.project.name === "js" ? "2027-01-05" : "2027-01-06";
  const title = `Rehearsal to delete (${info.project.name})`;
  const copy = organiser.locator("section.duplicate");
  await copy.getByLabel("Date").fill(day);
  await copy.getByLabel("Title").fill(title);
  await copy.getByRole("button", { name: "Make the copy" }).click();
  await expect(organiser).toHaveURL(/\/agenda$/);
  const edit = organiser.url().replace(/\/agenda$/, "/edit");

  await organiser.goto(edit);
  await organiser.getByRole("link", { name: "Delete…" }).click();
  await expect(organiser.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(organiser.locator("ul.what-goes")).toContainText("10 segments of the agenda");
  await expect(organiser.getByText("for 30 days")).toBeVisible();
  await organiser.getByRole("button", { name: "Delete it" }).click();
  await expect(organiser).toHaveURL(/\/manage$/);
  await expect(organiser.locator("main")).not.toContainText(title);
  expect((await organiser.goto(edit))?.status()).toBe(404);

  // A published gathering cannot be deleted outright: the page says to cancel it first.
  await organiser.goto(`${ORG}/tirana-park-2023/delete`);
  await expect(organiser.locator(".warning")).toContainText("cancel it first");
  await expect(organiser.getByRole("button", { name: "Delete it" })).toHaveCount(0);

  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, "owner@example.org", "/manage");
  // The owner may own more than one organisation: the demo's section of the workspace.
  await owner.locator("#org-families-association").getByRole("link", { name: "Recently deleted" }).click();
  const line = owner.locator("tr", { hasText: title });
  await expect(line).toContainText("by Organiser");
  await line.getByRole("button", { name: "Recover" }).click();
  await expect(owner).toHaveURL(edit);
  await owner.goto(edit.replace(/\/edit$/, "/agenda"));
  await expect(owner.locator("ol.editor-rows > li")).toHaveCount(10);
});

test("a draft's title in the workspace opens its preview, marked as not public", async ({ page }) => {
  await signIn(page, "host@example.org", "/manage");
  const card = page.locator("li[data-status=draft]").first();
  const title = (await card.locator("h4").innerText()).trim();
  await card.locator("h4 a").click();
  await expect(page).toHaveURL(/\/preview$/);
  await expect(page.locator(".notice.preview")).toContainText("This draft is not public");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator('a[href*="calendar.ics"]')).toHaveCount(0);
  // The public address of the draft is still nobody's page.
  const slug = new URL(page.url()).pathname.split("/")[4];
  expect((await page.goto(`/o/families-association/${slug}`))?.status()).toBe(404);
});
