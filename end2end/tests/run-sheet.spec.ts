import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const SHEET = "/manage/o/families-association/tirana-park-2023/run-sheet";
const EMAIL = process.env.E2E_EMAIL ?? "host@example.org";
const PASSWORD = process.env.E2E_PASSWORD ?? "";

async function signIn(page: Page, next: string) {
  await page.goto(next);
  // Not signed in: the page says so and links to the sign-in form.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Please sign in");
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail address").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/]/g, "\\/")}$`));
}

function pdfText(pdf: Buffer): { pages: number; text: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "run-sheet-"));
  const file = path.join(dir, "sheet.pdf");
  writeFileSync(file, pdf);
  const info = execFileSync("pdfinfo", [file]).toString();
  const pages = Number(info.match(/Pages:\s+(\d+)/)![1]);
  const text = [];
  for (let p = 1; p <= pages; p++) {
    text.push(execFileSync("pdftotext", ["-f", `${p}`, "-l", `${p}`, file, "-"]).toString());
  }
  return { pages, text };
}

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(EMAIL);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The e-mail address or the password is not right.");
});

test("the host signs in and reads the run-sheet with every internal detail", async ({ page }) => {
  await signIn(page, SHEET);
  const rows = page.locator("tr.segment-row");
  await expect(rows).toHaveCount(10);
  await expect(rows.first().locator(".start-end")).toHaveText("11:00–11:10");
  await expect(rows.first().locator(".cues")).toContainText("Mic 1 to the host");
  const ceo = rows.nth(2);
  await expect(ceo.locator('li[data-role="speaker"]')).toContainText("ONLINE from Europe/London, 10:24 there");
  await expect(ceo.locator('li[data-role="speaker"] .link')).toContainText("https://call.invalid/ceo");
  await expect(ceo.locator('li[data-role="interpreter"]')).toContainText("Albanian");
  await expect(rows.last()).toHaveAttribute("data-public", "false");
  await expect(page.locator(".sheet-statement ol li")).toHaveCount(3);
  await expect(page.locator(".sheet-contacts")).toContainText("+355 69 000 0001");
  // The same sheet in Persian reads right to left with Persian digits.
  await page.goto(`${SHEET}?lang=fa`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(rows.first().locator(".start-end")).toHaveText("۱۱:۰۰–۱۱:۱۰");
  await page.goto(`${SHEET}?lang=en`);
});

test("printed to PDF, the run-sheet keeps every row whole on A4", async ({ page }, info) => {
  test.skip(info.project.name !== "no-js", "printing is the same with or without JavaScript");
  await signIn(page, SHEET);
  const titles = await page.locator("tr.segment-row td.what strong").allTextContents();
  const times = await page.locator("tr.segment-row .start-end").allTextContents();
  expect(titles).toHaveLength(10);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  writeFileSync(info.outputPath("run-sheet.pdf"), pdf);
  const { pages, text } = pdfText(pdf);
  // Ten segments, the statement and the contacts: the whole show on two pages.
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  const squash = (s: string) => s.replace(/\s+/g, " ");
  titles.forEach((title, i) => {
    // A row is whole when its time and its title are printed on the same page.
    const onPage = text.findIndex((t) => squash(t).includes(squash(title)));
    expect(onPage, `"${title}" is in the PDF`).toBeGreaterThanOrEqual(0);
    expect(squash(text[onPage]), `row ${i + 1} is not cut`).toContain(times[i]);
  });
  // The statement is printed in full.
  const all = squash(text.join(" "));
  expect(all).toContain("We thank the people of Albania for standing with the families.");
  // The gathering is named on every page (the repeated table header).
  for (const t of text.slice(0, -1)) expect(squash(t)).toContain("Public gathering in the park");
});

test("on a laptop screen every cell keeps to its column and times stay on one line", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, SHEET);
  const cells = page.locator("table.sheet tbody td");
  await expect(cells.first()).toBeVisible();
  // No cue, call link or file name runs out of its cell.
  const overflowing = await cells.evaluateAll((tds) =>
    tds.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent?.trim().slice(0, 40)),
  );
  expect(overflowing).toEqual([]);
  // "11:00–11:10" is read at a glance: one line, not broken over two.
  for (const time of await page.locator("tr.segment-row .start-end").all()) {
    const { height, lineHeight } = await time.evaluate((el) => ({
      height: el.getBoundingClientRect().height,
      lineHeight: parseFloat(getComputedStyle(el).lineHeight),
    }));
    expect(height).toBeLessThan(lineHeight * 1.5);
  }
  // The sheet uses the width of the screen, not a column of text.
  const width = await page.locator("table.sheet").evaluate((t) => t.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(1000);
});

test("on a phone the run-sheet is one card per segment and never scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 420, height: 800 });
  await signIn(page, SHEET);
  for (const lang of ["en", "fa"]) {
    await page.goto(`${SHEET}?lang=${lang}`);
    await expect(page.locator("tr.segment-row")).toHaveCount(10);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(sideways, `${lang}: the page is no wider than the phone`).toBeLessThanOrEqual(0);
  }
  await page.goto(`${SHEET}?lang=en`);
});

test("each person's call sheet gives their times at the venue and at home", async ({ page }) => {
  await signIn(page, SHEET);
  await page.getByRole("link", { name: "Call sheets for each person" }).click();
  await expect(page).toHaveURL(/\/call-sheets$/);
  const sheets = page.locator("section.call-sheet");
  expect(await sheets.count()).toBeGreaterThanOrEqual(5);
  // The chief executive speaks online from London, interpreted by the host.
  const ceo = sheets.filter({ has: page.locator('tr.call-part[data-mode="online"]') }).first();
  await expect(ceo.locator(".call")).toHaveText(
    "Test the call at 10:54 (09:54 in Europe/London); join at 11:14 (10:14 in Europe/London).",
  );
  await expect(ceo.locator(".there")).toHaveText("10:24–10:39 in Europe/London");
  await expect(ceo.locator("td.how")).toContainText("interpreted by");
});

test("one click prints the run-sheet with JavaScript; without it the button stays away", async ({ page }, info) => {
  await signIn(page, SHEET);
  const button = page.getByRole("button", { name: "Print or save as PDF" });
  if (info.project.name === "js") {
    await expect(button).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await button.click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  } else {
    await expect(button).toBeHidden();
  }
});
