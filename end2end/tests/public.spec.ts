import { expect, test, type Page } from "@playwright/test";

const ORG = "/o/families-association";
const TIRANA = `${ORG}/tirana-park-2023`;

/** Collects console errors and page errors for the life of a page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

test("the start page lists the demo organisation", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisations on convene");
  await page.getByRole("link", { name: "Families' Association" }).click();
  await expect(page).toHaveURL(new RegExp(`${ORG}$`));
});

test("the organisation page lists its published gatherings and no draft", async ({ page }) => {
  await page.goto(ORG);
  const past = page.locator("section", { has: page.getByRole("heading", { name: "Past gatherings" }) });
  for (const title of [
    "Public gathering in the park on Rruga Ura",
    "Families' rally outside the embassy in Tehran",
    "International Women's Day conference",
    "Flowers for the women of Tirana",
    "Screening: The Children of Camp Ashraf",
  ]) {
    await expect(past.getByRole("link", { name: title })).toBeVisible();
  }
  const upcoming = page.locator("section", { has: page.getByRole("heading", { name: "Upcoming gatherings" }) });
  await expect(upcoming.getByRole("link", { name: "Great gathering in Tirana" })).toBeVisible();
  await expect(page.getByText("candlelight vigil")).toHaveCount(0);
  // Each card gives the local date and time with its zone.
  const tirana = page.locator("li.card", { hasText: "Public gathering in the park" });
  await expect(tirana).toContainText("Sunday 26 November 2023, 11:00–13:05");
  await expect(tirana).toContainText("Europe/Tirane");
  const tehran = page.locator("li.card", { hasText: "outside the embassy in Tehran" });
  await expect(tehran).toContainText("10:00–11:00");
  await expect(tehran).toContainText("Asia/Tehran");
});

test("the Tirana gathering's programme starts at 11:00 and follows the durations", async ({ page }) => {
  const response = await page.goto(TIRANA);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Public gathering in the park on Rruga Ura");
  await expect(page.getByText("All times are local time in")).toContainText("Europe/Tirane");

  const rows = page.locator("ol.agenda > li.segment");
  await expect(rows).toHaveCount(9);
  await expect(rows.first().locator(".start")).toHaveText("11:00");

  const starts = await rows.locator(".start").allTextContents();
  const ends = await rows.locator(".end").allTextContents();
  const minutes = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-minutes")))).map(Number);
  for (let i = 0; i < starts.length; i++) {
    expect(minutesOf(ends[i]) - minutesOf(starts[i]), `row ${i + 1} length`).toBe(minutes[i]);
    if (i > 0) expect(starts[i], `row ${i + 1} starts when row ${i} ends`).toBe(ends[i - 1]);
  }
  // The screening of "Biography" takes the film's 14 minutes.
  const biography = rows.nth(1);
  await expect(biography).toContainText("Biography");
  await expect(biography.locator(".start")).toHaveText("11:10");
  await expect(biography.locator(".end")).toHaveText("11:24");
  // The signing closes the public programme at 12:42.
  await expect(rows.last().locator(".end")).toHaveText("12:42");
});

test("each appearance says how the person takes part", async ({ page }) => {
  await page.goto(TIRANA);
  const ceo = page.locator("li.segment", { hasText: "Address by the society's chief executive" });
  await expect(ceo.locator('li.appearance[data-role="speaker"]')).toContainText(
    "Chief executive of the society (online, interpreted into Albanian)",
  );
  await expect(ceo.locator('li.appearance[data-role="interpreter"]')).toContainText("Society host");
  const messages = page.locator("li.segment", { hasText: "Messages of support" });
  await expect(messages.locator('li.appearance[data-mode="read_by_proxy"]')).toHaveCount(3);
  await expect(messages).toContainText("Pastor (message read out by someone else)");
  const former = page.locator("li.segment", { hasText: "A former member speaks" });
  await expect(former.locator('li.appearance[data-role="speaker"] .name')).toHaveText("a guest");
  // He speaks Persian in the park, and the host interprets him live like the others.
  await expect(former.locator('li.appearance[data-role="speaker"]')).toContainText("interpreted into Albanian");
  await expect(former.locator('li.appearance[data-role="interpreter"]')).toContainText("Society host");
  // The final statement was read and signed there.
  await expect(page.locator("section.statement .signatures").first()).toHaveText("Signed by 286 people.");
});

test("nothing internal reaches the public gathering page", async ({ page }) => {
  const response = await page.goto(TIRANA);
  const html = (await response?.text()) ?? "";
  for (const secret of [
    "Pack-up",                    // an internal segment
    "Mic 1 to the host",          // cue notes
    "call.invalid",               // online links
    "Below freezing forecast",    // internal notes
    "north gate",                 // venue access notes
    "Former member (name withheld)", // an unlisted person's name
    "+355 69",                    // contacts
  ]) {
    expect(html, `public page leaks "${secret}"`).not.toContain(secret);
  }
});

test("an unknown gathering is a 404 page", async ({ page }) => {
  const response = await page.goto(`${ORG}/no-such-gathering`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  const nowhere = await page.goto("/nowhere/at/all");
  expect(nowhere?.status()).toBe(404);
  const draft = await page.goto(`${ORG}/vigil-draft`);
  expect(draft?.status()).toBe(404);
});

test("Persian pages read right to left with Persian digits", async ({ page }) => {
  await page.goto(`${TIRANA}?lang=fa`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
  await expect(page.getByRole("heading", { name: "برنامه" })).toBeVisible();
  await expect(page.locator("ol.agenda .start").first()).toHaveText("۱۱:۰۰");
  // The choice is remembered for the next page.
  await page.goto(ORG);
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
});

test("with JavaScript the page hydrates under its script policy and shows the visitor's own time", async ({ page }, info) => {
  test.skip(info.project.name !== "js", "needs JavaScript");
  const errors = watchErrors(page);
  const response = await page.goto(TIRANA);
  // Only this site's scripts and the inline scripts the policy names by digest may run
  // (a public page is kept and sent many times, so it carries no nonce); a blocked
  // hydration script would show as a console error and no visitor's time.
  const policy = (await response!.headerValue("content-security-policy")) ?? "";
  expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+\/=]{44}')+ 'wasm-unsafe-eval'/);
  expect(policy).not.toContain("nonce-");
  expect(policy).not.toContain("unsafe-inline");
  // 11:00 in Tirana on 26 Nov 2023 is 05:00 in New York (the browser's zone in this test).
  const yours = page.locator(".your-time");
  await expect(yours).toBeVisible();
  await expect(yours).toContainText("05:00");
  await expect(yours).toContainText("America/New_York");
  expect(errors).toEqual([]);
});

test("without JavaScript the page is complete and the browser-only hint stays hidden", async ({ page }, info) => {
  test.skip(info.project.name !== "no-js", "checks the JavaScript-free page");
  await page.goto(TIRANA);
  await expect(page.locator("ol.agenda > li.segment")).toHaveCount(9);
  await expect(page.locator(".your-time")).toBeHidden();
});

test("the organisation page filters by kind, and a venue has its own page and feed", async ({ page, request }) => {
  await page.goto(ORG);
  await page.getByLabel("Kind").selectOption("screening");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/kind=screening/);
  const titles = page.locator("ul.gatherings h3");
  await expect(titles).toHaveCount(1);
  await expect(titles.first()).toHaveText("Screening: The Children of Camp Ashraf");

  await page.goto(ORG);
  await page.locator("li.card", { hasText: "Public gathering in the park" }).locator(".place a").click();
  await expect(page.locator("h1")).toHaveText("Futsal park, Rruga Ura");
  await expect(page.locator(".directions")).toBeVisible();
  // The internal access notes never show on the public venue page.
  await expect(page.locator("body")).not.toContainText("key holder");
  await expect(page.locator("ul.gatherings h3").filter({ hasText: "Great gathering in Tirana" })).toHaveCount(1);
  const feed = await page.locator("p.calendar-links a.download").getAttribute("href");
  const ics = await request.get(feed!);
  expect(ics.status()).toBe(200);
  expect(await ics.text()).toContain("UID:tirana-park-2023@families-association.convene");
});

test("a listed speaker has a page of public appearances; an unlisted one has none", async ({ page, request }) => {
  await page.goto(TIRANA);
  await page.getByRole("link", { name: "Chief executive of the society" }).first().click();
  await expect(page.locator("h1")).toHaveText("Chief executive of the society");
  await expect(page.locator("li.card")).toContainText("Address by the society's chief executive");
  await expect(page.locator("li.card")).toContainText("Speaker, online");
  // Contacts are internal.
  await expect(page.locator("body")).not.toContainText("secretary");
  const feed = await page.locator("p.calendar-links a.download").getAttribute("href");
  expect((await request.get(feed!)).status()).toBe(200);
  // The former member is not listed: his name is no link, and no page exists for him.
  await page.goto(TIRANA);
  const former = page.locator("li.segment", { hasText: "A former member speaks" });
  await expect(former.locator('li.appearance[data-role="speaker"] a')).toHaveCount(0);
});
