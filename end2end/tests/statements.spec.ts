import { expect, test } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";
const AGENDA = "/manage/o/families-association/tirana-park-2023/agenda";

test("an organiser writes a statement, links it to the segment that reads it, and removes it", async ({ page }, info) => {
  await page.goto(`/sign-in?next=${AGENDA}`);
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agenda$/);

  const title = `Call to the government (${info.project.name})`;
  const add = page.locator("div.add-statement");
  await add.getByLabel("Title").fill(title);
  await add.getByLabel("Language (code, e.g. sq)").fill("sq");
  // Only a number, no point: refused beside the field, the title kept.
  await add.getByLabel("Points, one per line").fill("1.");
  await add.getByRole("button", { name: "Add a statement" }).click();
  await expect(page.locator("div.add-statement .field-error")).toHaveText("Write at least one point, one per line.");
  await expect(page.locator("div.add-statement").getByLabel("Title")).toHaveValue(title);
  await page.locator("div.add-statement").getByLabel("Points, one per line").fill("1. Tell us where our children are.\n2. Let us see them.");
  await page.locator("div.add-statement").getByRole("button", { name: "Add a statement" }).click();
  const statement = page.locator("li.statement-edit", { hasText: title });
  await expect(statement.locator("ol.points > li")).toHaveText(["Tell us where our children are.", "Let us see them."]);
  await expect(statement).toContainText("Not read in any segment yet.");

  // Read in the second segment.
  const row = page.locator("li.editor-row").nth(1);
  await row.locator("details.edit-segment > summary").click();
  await row.getByLabel("Statement read in this segment").selectOption({ label: title });
  await row.getByRole("button", { name: "Save the changes" }).click();
  await expect(page.locator("li.editor-row").nth(1)).toContainText(`reads ${title}`);
  await expect(page.locator("li.statement-edit", { hasText: title })).toContainText("Read in segment 2.");

  await page.goto("/o/families-association/tirana-park-2023");
  await expect(page.locator("section.statement", { hasText: title }).locator("ol.points > li")).toHaveCount(2);

  await page.goto(AGENDA);
  await page.locator("li.statement-edit", { hasText: title }).getByRole("button", { name: "Remove the statement" }).click();
  await expect(page.locator("li.statement-edit", { hasText: title })).toHaveCount(0);
  await expect(page.locator("li.editor-row").nth(1)).not.toContainText(title);
});
