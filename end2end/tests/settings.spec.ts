import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in?next=/manage");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/manage$/);
}

test("an organiser downloads the whole organisation from its settings page", async ({ page }) => {
  await signIn(page, "organiser@example.org");
  await page.getByRole("link", { name: "Settings and export" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
  await expect(page.locator(".settings")).toContainText("no members and no passwords");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the export" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^families-association-\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(await readFile((await file.path())!, "utf8"));
  expect(doc.format).toBe("convene-organisation");
  expect(doc.version).toBe(1);
  const tirana = doc.gatherings.find((g: { slug: string }) => g.slug === "tirana-park-2023");
  expect(tirana.time_zone).toBe("Europe/Tirane");
  expect(tirana.segments.length).toBeGreaterThan(5);
  expect(JSON.stringify(doc)).not.toContain("password");
});

test("a host has no settings link and cannot fetch the export by its address", async ({ page }) => {
  await signIn(page, process.env.E2E_EMAIL ?? "host@example.org");
  await expect(page.getByRole("link", { name: "Settings and export" })).toHaveCount(0);
  const response = await page.request.get("/manage/o/families-association/export.json");
  expect(response.status()).toBe(403);
  expect(await response.text()).not.toContain("convene-organisation");
});

test("an owner sets the public contact address, and a wrong one is refused beside its field", async ({ page }) => {
  await page.goto("/sign-in?next=/manage/o/families-association/settings");
  await page.getByLabel("E-mail address").fill("owner@example.org");
  await page.getByLabel("Password").fill(process.env.E2E_PASSWORD ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const contact = page.getByLabel("Public contact address");
  await contact.fill("press at example");
  await page.getByRole("button", { name: "Save the changes" }).click();
  await expect(page.locator(".field-error")).toContainText("Enter an e-mail address");
  await expect(page.getByLabel("Public contact address")).toHaveValue("press at example");
  await page.getByLabel("Public contact address").fill("press@example.org");
  await page.getByRole("button", { name: "Save the changes" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await page.goto("/o/families-association");
  await expect(page.locator("p.contact a")).toHaveAttribute("href", "mailto:press@example.org");
});

test("an owner makes another organisation from the workspace and lands on its settings", async ({ page }, info) => {
  await page.goto("/sign-in?next=/manage");
  await page.getByLabel("E-mail address").fill("owner@example.org");
  await page.getByLabel("Password").fill(process.env.E2E_PASSWORD ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Make another organisation" }).click();
  await page.getByLabel("Name of the new organisation").fill(`Screenings in Stockholm ${info.project.name}`);
  await page.getByLabel("Main language (a code such as sq, en or fa)").fill("Swedish");
  await page.getByRole("button", { name: "Make the organisation" }).click();
  await expect(page.locator(".field-error")).toContainText("is not a language tag");
  await page.getByLabel("Main language (a code such as sq, en or fa)").fill("sv");
  await page.getByRole("button", { name: "Make the organisation" }).click();
  await expect(page).toHaveURL(new RegExp(`/manage/o/screenings-in-stockholm-${info.project.name}/settings$`));
  await expect(page.getByLabel("Name")).toHaveValue(`Screenings in Stockholm ${info.project.name}`);
});

test("an owner offers the texts in Swedish and a Swedish visitor reads them around an English interface", async ({ page }) => {
  await page.goto("/sign-in?next=/manage/o/families-association/settings");
  await page.getByLabel("E-mail address").fill("owner@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const offered = page.getByLabel("Languages the texts are translated into");
  await expect(offered).toHaveValue(/sv Svenska/);
  // A language written by its name is refused, and what was typed stays.
  await offered.fill("sq Shqip\nfa فارسی\nsv Svenska\nNorwegian");
  await page.getByRole("button", { name: "Save the changes" }).click();
  await expect(page.locator(".field-error")).toContainText("is not a language tag");
  await expect(page.locator(".field-error")).toContainText("Norwegian");
  await expect(page.getByLabel("Languages the texts are translated into")).toHaveValue(/Norwegian/);
  await page.getByLabel("Languages the texts are translated into").fill("sq Shqip\nfa فارسی\nsv Svenska\nnb Norsk bokmål");
  await page.getByRole("button", { name: "Save the changes" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.locator(".facts")).toContainText("Norsk bokmål");

  // The translations form asks for Norwegian texts, under the name the owner gave.
  await page.goto("/manage/o/families-association/stockholm-screening-2024/agenda");
  await expect(page.locator("fieldset[lang=nb] legend")).toHaveText("Norsk bokmål");

  // The public page: Svenska beside the interface's languages; chosen, the texts are
  // Swedish, the interface stays English, and the calendar is asked in Swedish.
  await page.goto("/o/families-association/stockholm-screening-2024");
  await page.locator(".texts-switch").getByRole("link", { name: "Svenska" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Visning: Barnen från Camp Ashraf");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Add to your calendar" })).toBeVisible();
  await expect(page.locator("a.download")).toHaveAttribute("href", /calendar\.ics\?lang=sv$/);
  // Remembered: the organisation's page lists the screening by its Swedish title.
  await page.goto("/o/families-association");
  await expect(page.locator("main")).toContainText("Visning: Barnen från Camp Ashraf");
  // Back to English texts from the interface's switcher.
  await page.locator(".lang-switch").first().getByRole("link", { name: "English" }).click();
  await expect(page.locator("main")).toContainText("Screening: The Children of Camp Ashraf");
});
