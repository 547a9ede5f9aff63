import { expect, test } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";

test("an organiser plans a gathering and its agenda in the browser", async ({ page }, info) => {
  await page.goto("/sign-in?next=/manage");
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/manage$/);
  await page.getByRole("link", { name: "Plan a new gathering" }).click();

  const title = `Vigil ${info.project.name}`;
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Kind").selectOption("vigil");
  await page.getByLabel("Time zone, without a venue").fill("Europe/Stockholm");
  await page.getByLabel("Date").fill("2026-12-20");
  await page.getByLabel("Starts").fill("18:00");
  // A mistake first: the end before the start. The message names it; nothing is lost.
  await page.getByLabel("Ends", { exact: true }).fill("17:00");
  await page.getByLabel("Public description").fill("Candles outside the parliament.");
  await page.getByRole("button", { name: "Create the gathering" }).click();
  await expect(page.locator(".field-error")).toHaveText("The end must come after the start.");
  await expect(page.getByLabel("Public description")).toHaveValue("Candles outside the parliament.");
  await page.getByLabel("Ends", { exact: true }).fill("19:30");
  await page.getByRole("button", { name: "Create the gathering" }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  await expect(page.getByText("No segments yet")).toBeVisible();

  for (const [segment, minutes] of [["Candles are lit", "10"], ["Names are read", "0:25"]]) {
    const form = page.locator("form.add-segment");
    await form.getByLabel("Title", { exact: true }).fill(segment);
    await form.getByLabel("Duration").fill(minutes);
    await form.getByRole("button", { name: "Add the segment" }).click();
  }
  const rows = page.locator("li.editor-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).locator(".start-end")).toHaveText("18:10–18:35");
  // Reorder without drag and drop: the second moves up and the times follow.
  await rows.nth(1).getByRole("button", { name: "Move up" }).click();
  await expect(rows.first()).toContainText("Names are read");
  await expect(rows.first().locator(".start-end")).toHaveText("18:00–18:25");
});
