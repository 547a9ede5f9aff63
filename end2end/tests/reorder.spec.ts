import { expect, test } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";

test("an organiser drags a segment to a new place and the times follow", async ({ page }, info) => {
  await page.goto("/sign-in?next=/manage/o/families-association/new");
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Title", { exact: true }).fill(`Reading of names (${info.project.name})`);
  await page.getByLabel("Kind").selectOption("vigil");
  await page.getByLabel("Time zone, without a venue").fill("Asia/Tehran");
  await page.getByLabel("Date").fill("2026-12-10");
  await page.getByLabel("Starts").fill("17:00");
  await page.getByLabel("Ends", { exact: true }).fill("18:00");
  await page.getByRole("button", { name: "Create the gathering" }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  for (const [title, minutes] of [["Welcome", "5"], ["Names are read", "30"], ["Closing words", "10"]]) {
    const form = page.locator("form.add-segment");
    await form.getByLabel("Title", { exact: true }).fill(title);
    await form.getByLabel("Duration").fill(minutes);
    await form.getByRole("button", { name: "Add the segment" }).click();
  }
  const rows = page.locator("li.editor-row");
  await expect(rows).toHaveCount(3);
  const handles = page.locator("li.editor-row .drag-handle");

  if (info.project.name === "no-js") {
    // Without JavaScript there is nothing to drag; the buttons do the same.
    await expect(handles).toHaveCount(0);
    await rows.nth(2).getByRole("button", { name: "Move up" }).click();
    await rows.nth(1).getByRole("button", { name: "Move up" }).click();
  } else {
    await expect(handles).toHaveCount(3);
    // The whole agenda in view, so the drag needs no scrolling.
    await page.setViewportSize({ width: 1280, height: 3000 });
    // Opened afresh: Playwright's drag does not start on the page a form post landed on
    // (pointerdown arrives, dragstart never does), while it does on a page opened anew.
    await page.goto(page.url().split("#")[0]);
    await handles.nth(2).dragTo(rows.nth(0), { targetPosition: { x: 20, y: 5 } });
  }
  await expect(rows.nth(0)).toContainText("Closing words");
  await expect(rows.nth(0).locator(".start-end")).toHaveText("17:00–17:10");
  await expect(rows.nth(1)).toContainText("Welcome");
  await expect(rows.nth(1).locator(".start-end")).toHaveText("17:10–17:15");
  await expect(rows.nth(2).locator(".start-end")).toHaveText("17:15–17:45");
});
