import { expect, test } from "@playwright/test";

const TIRANA = "/o/families-association/tirana-park-2023";

/** What each language must show on the Tirana gathering page. */
const LANGUAGES = [
  {
    code: "en",
    dir: "ltr",
    title: "Public gathering in the park on Rruga Ura",
    programme: "Programme",
    when: "When",
    date: "Sunday 26 November 2023",
    first: "11:00",
    last: "12:27",
    segment: "Opening and introduction of the society",
    point: "We ask to be able to see our relatives",
  },
  {
    code: "sq",
    dir: "ltr",
    title: "Tubim publik në parkun e Rrugës Ura",
    programme: "Programi",
    when: "Kur",
    date: "26 nëntor 2023",
    first: "11:00",
    last: "12:27",
    segment: "Hapja dhe prezantimi i shoqatës",
    point: "Kërkojmë të mund të shohim të afërmit tanë",
  },
  {
    code: "fa",
    dir: "rtl",
    title: "گردهمایی عمومی در پارک خیابان اورا",
    programme: "برنامه",
    when: "زمان",
    date: "۲۰۲۳",
    first: "۱۱:۰۰",
    last: "۱۲:۲۷",
    segment: "افتتاحیه و معرفی انجمن",
    point: "ما خواستار دیدار با بستگانمان",
  },
];

for (const l of LANGUAGES) {
  test(`the Tirana gathering reads in ${l.code}`, async ({ page }, info) => {
    const response = await page.goto(`${TIRANA}?lang=${l.code}`);
    expect(response?.headers()["content-language"]).toBe(l.code);
    const html = page.locator("html");
    await expect(html).toHaveAttribute("lang", l.code);
    await expect(html).toHaveAttribute("dir", l.dir);
    await expect(page.locator("h1")).toHaveText(l.title);
    await expect(page.getByRole("heading", { name: l.programme, exact: true })).toBeVisible();
    await expect(page.locator("dl.facts dt").first()).toHaveText(l.when);
    await expect(page.locator("dl.facts dd").first()).toContainText(l.date);
    const starts = page.locator("ol.agenda .start");
    await expect(starts.first()).toHaveText(l.first);
    await expect(starts.last()).toHaveText(l.last);
    await expect(page.locator("li.segment h3").first()).toHaveText(l.segment);
    await expect(page.locator("section.statement ol.points li").first()).toContainText(l.point);
    await info.attach(`tirana-${l.code}-${info.project.name}.png`, {
      body: await page.screenshot({ fullPage: true }),
      contentType: "image/png",
    });
  });
}

test("right to left: the layout mirrors and Latin names stay whole", async ({ page }) => {
  await page.goto(`${TIRANA}?lang=fa`);
  // The heading of a right-to-left page starts at the right edge of its column.
  const box = await page.locator("main h1").boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box).not.toBeNull();
  expect(box!.x + box!.width).toBeGreaterThan(width / 2);
  // The zone name is isolated so its slash and letters are not reordered.
  await expect(page.locator(".zone bdi").first()).toHaveText("Europe/Tirane");
  await expect(page.locator(".zone bdi").first()).toHaveAttribute("dir", "ltr");
});

test("Accept-Language picks the language, and the switcher remembers a choice", async ({ browser }, info) => {
  const context = await browser.newContext({
    locale: "sq-AL",
    javaScriptEnabled: info.project.name === "js",
  });
  const page = await context.newPage();
  await page.goto(TIRANA);
  await expect(page.locator("html")).toHaveAttribute("lang", "sq");
  await page.getByRole("navigation", { name: "Gjuha" }).getByRole("link", { name: "فارسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
  // Without ?lang=, the cookie now wins over Accept-Language.
  await page.goto(TIRANA);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await context.close();
});

test("a page that lacks a translation falls back to the organisation's language", async ({ page }) => {
  // The Stockholm screening has no Albanian text: English is shown, marked as English.
  await page.goto("/o/families-association/stockholm-screening-2024?lang=sq");
  await expect(page.locator("html")).toHaveAttribute("lang", "sq");
  await expect(page.locator("h1 bdi")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Programi", exact: true })).toBeVisible();
});

test("a refused form speaks the page's language: a Persian organiser reads why, beside the field", async ({ page }) => {
  await page.goto("/sign-in?next=/manage/o/families-association/directory");
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(process.env.E2E_PASSWORD ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/directory$/);
  await page.locator("li", { hasText: "Futsal park, Rruga Ura" }).first().getByRole("link", { name: "Edit" }).click();
  await page.goto(`${page.url()}?lang=fa`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");

  // The zone is refused in Persian, naming what was typed; nothing English is left.
  await page.locator('input[name="time_zone"]').fill("Europe/Tirana");
  await page.locator('form:has(input[name="time_zone"]) button[type="submit"]').first().click();
  const error = page.locator(".field-error");
  await expect(error).toContainText("«Europe/Tirana» یک منطقهٔ زمانی IANA نیست");
  await expect(error).not.toContainText("is not");

  // A conflict from the database layer too: the venue is still used.
  await page.locator('form:has(input[name="action"][value="delete"]) button').click();
  await expect(page.getByRole("alert")).toContainText("هنوز این گردهمایی‌ها از آن استفاده می‌کنند");
});
