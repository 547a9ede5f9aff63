import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import ICAL from "ical.js";

const PYTHON = process.env.FEED_PYTHON ?? path.join(__dirname, "../../target/pyenv/bin/python");

const PASSWORD = process.env.E2E_PASSWORD ?? "";
const ORG = "/manage/o/families-association";

test("an organiser takes a gathering to a second city and repeats it monthly", async ({ page }, info) => {
  const p = info.project.name;
  const day = p === "js" ? "2026-12-05" : "2026-12-06";
  await page.goto(`/sign-in?next=${ORG}/tirana-park-2023/edit`);
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  // A copy of the Tirana gathering on another day, published.
  const copy = page.locator("section.duplicate");
  await copy.getByLabel("Date").fill(day);
  await copy.getByLabel("Title").fill(`Gathering in the park (${p})`);
  await copy.getByRole("button", { name: "Make the copy" }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  const slug = new URL(page.url()).pathname.split("/")[4];
  await page.goto(`${ORG}/${slug}/edit`);
  await page.getByLabel("Status", { exact: true }).selectOption("published");
  await page.getByRole("button", { name: "Save the changes" }).first().click();
  await expect(page).toHaveURL(/\/agenda$/);

  // The same action outside the embassy in Tehran, at the same local time (11:00 there).
  await page.goto(`${ORG}/${slug}/edit`);
  const campaign = page.locator("section.campaign");
  await campaign.getByLabel("Name of the campaign").fill(`Vigil in two cities (${p})`);
  await campaign.getByLabel("Outside the embassy, Tehran (Asia/Tehran)").check();
  await campaign.getByLabel("The same local time in every city").check();
  await campaign.getByRole("button", { name: "Make the campaign" }).click();
  await expect(page).toHaveURL(/\/o\/families-association\/campaigns\//);
  const campaignPage = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Vigil in two cities (${p})`);
  // The Tehran copy is a draft: only the published city shows, with its UTC time.
  const rows = page.locator("table.campaign-cities tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Europe/Tirane");
  await expect(rows.first().locator("td.utc")).toContainText("10:00 UTC");
  await expect(page.locator(".calendar-links a.subscribe")).toHaveAttribute("href", /^webcal:\/\/.*\/campaigns\/.*\/calendar\.ics/);

  // Published, Tehran joins the page: 11:00 there is 07:30 UTC.
  await page.goto(`${ORG}/${slug}-tehran/edit`);
  await page.getByLabel("Status", { exact: true }).selectOption("published");
  await page.getByRole("button", { name: "Save the changes" }).first().click();
  // (Another address than before: public pages may be cached for a minute.)
  await page.goto(`${campaignPage}?lang=en`);
  await expect(rows).toHaveCount(2);
  const tehran = page.locator('tr[data-zone="Asia/Tehran"]');
  await expect(tehran.locator("td.local")).toContainText("11:00");
  await expect(tehran.locator("td.utc")).toContainText("07:30 UTC");
  if (p === "js") {
    // After hydration, each row also says when that is on the visitor's clock.
    await expect(tehran.locator(".your-time")).toContainText("America/New_York");
  }

  // One feed for both cities, read by two independent parsers from its own VTIMEZONEs.
  const feedPath = new URL(campaignPage).pathname + "/calendar.ics";
  const text = await (await page.request.get(feedPath)).text();
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  const byIcalJs = root
    .getAllSubcomponents("vevent")
    .map((ve) => new Date(new ICAL.Event(ve).startDate.toUnixTime() * 1000).toISOString())
    .sort();
  expect(byIcalJs).toEqual([`${day}T07:30:00.000Z`, `${day}T10:00:00.000Z`]);
  const byPython = Object.values(
    JSON.parse(execFileSync(PYTHON, [path.join(__dirname, "../feeds/instants.py")], { input: text }).toString()) as Record<string, { start: string }>,
  )
    .map((e) => e.start)
    .sort();
  expect(byPython).toEqual([`${day}T07:30:00Z`, `${day}T10:00:00Z`]);

  // Monthly, twice more: each occurrence its own gathering, listed on the edit page.
  await page.goto(`${ORG}/${slug}/edit`);
  const series = page.locator("section.series");
  await series.getByLabel("Every month, on the same day").check();
  await series.getByLabel("How many more times").fill("2");
  await series.getByRole("button", { name: "Make the occurrences" }).click();
  await expect(page).toHaveURL(/\/edit#series$/);
  await expect(page.locator("ul.series-list > li")).toHaveCount(2);
  await expect(page.locator("ul.series-list")).toContainText("2027");

  // Back to drafts, so the other specs see the demo's public gatherings only.
  for (const s of [slug, `${slug}-tehran`]) {
    await page.goto(`${ORG}/${s}/edit`);
    await page.getByLabel("Status", { exact: true }).selectOption("draft");
    await page.getByRole("button", { name: "Save the changes" }).first().click();
    await expect(page).toHaveURL(/\/agenda$/);
  }
});

test("the digest of November 2023 prints the Tirana gathering with its attendance", async ({ page }, info) => {
  await page.goto("/o/families-association/digest/2023-11");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No. 111 · November 2023");
  const held = page.locator("ul.digest-list.held");
  await expect(held).toContainText("Public gathering in the park on Rruga Ura");
  await expect(held).toContainText("300 people came");
  if (info.project.name !== "no-js") return; // printing is the same with or without JavaScript
  // On A4: the number, the gathering with its attendance, and no site navigation.
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  const file = info.outputPath("digest.pdf");
  writeFileSync(file, pdf);
  const pages = Number(execFileSync("pdfinfo", [file]).toString().match(/Pages:\s+(\d+)/)![1]);
  expect(pages).toBeLessThanOrEqual(2);
  const text = execFileSync("pdftotext", [file, "-"]).toString().replace(/\s+/g, " ");
  expect(text).toContain("No. 111");
  expect(text).toContain("300 people came");
  expect(text).not.toContain("Previous month");
});
