import { expect, test } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";

test("an organiser edits a venue, sees it on the public page, and cannot delete it while it is used", async ({ page }, info) => {
  await page.goto("/sign-in?next=/manage/o/families-association/directory");
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/directory$/);

  const venue = page.locator("li", { hasText: "Futsal park, Rruga Ura" }).first();
  await venue.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Futsal park, Rruga Ura");
  await expect(page.locator("ul.uses")).toContainText("Public gathering in the park");

  // A zone that does not exist is refused beside its field, with the rest kept.
  const directions = `Enter by the blue gate (${info.project.name}).`;
  await page.getByLabel("Directions (public)").fill(directions);
  await page.getByLabel("Time zone").fill("Europe/Tirana");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator(".field-error")).toContainText("is not an IANA time zone");
  await expect(page.getByLabel("Directions (public)")).toHaveValue(directions);

  await page.getByLabel("Time zone").fill("Europe/Tirane");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/directory#venue-\d+$/);

  await page.goto("/o/families-association/tirana-park-2023");
  await expect(page.locator(".directions")).toContainText(directions);

  await page.goto("/manage/o/families-association/directory");
  await page.locator("li", { hasText: "Futsal park, Rruga Ura" }).first().getByRole("link", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("alert")).toContainText("Still used by these gatherings");
  await expect(page.getByRole("alert")).toContainText("Public gathering in the park");
});

test("an organiser repeats the Tirana gathering on another day with its whole run of show", async ({ page }, info) => {
  await page.goto("/sign-in?next=/manage/o/families-association/tirana-park-2023/edit");
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/edit$/);

  const day = info.project.name === "js" ? "2026-11-26" : "2026-11-27";
  const copy = page.locator("section.duplicate");
  await copy.getByLabel("Date").fill(day);
  await copy.getByRole("button", { name: "Make the copy" }).click();
  await expect(page).toHaveURL(new RegExp(`-${day}/agenda$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Public gathering in the park");
  // The same run of show, timed on the new day from 11:00 in Tirana.
  const rows = page.locator("ol.editor-rows > li");
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText("11:00");
});

test("an organiser changes how someone appears without removing them", async ({ page }, info) => {
  await page.goto("/sign-in?next=/manage/o/families-association/womens-day-conference-2024/agenda");
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  // Each project changes a different appearance: they run side by side on one server.
  const which = info.project.name === "js" ? 0 : 1;
  const item = page.locator("ul.appearances > li").nth(which);
  const name = (await item.locator("bdi").first().innerText()).trim();
  await item.locator("details.edit-appearance > summary").click();
  await item.getByLabel("Speaks").fill("sq");
  await item.getByLabel("Interpreted into").fill("en, fa");
  await item.getByRole("button", { name: "Save the appearance" }).click();
  await expect(page).toHaveURL(/\/agenda#segment-\d+$/);
  const again = page.locator("ul.appearances > li", { hasText: name }).first();
  await expect(again).toContainText("sq");
  await expect(again).toContainText("→ en,fa");
});
