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
