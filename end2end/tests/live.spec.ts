import { expect, test, type Browser, type Page } from "@playwright/test";

const PASSWORD = process.env.E2E_PASSWORD ?? "";

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in?next=/manage");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/manage$/);
}

/** The local date and minutes past midnight now in `zone`. */
function localNow(zone: string): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** A fresh browser context of the project's settings (own cookies), as another device. */
async function device(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const { baseURL, locale, timezoneId } = test.info().project.use;
  return (await browser.newContext({ baseURL, locale, timezoneId, javaScriptEnabled })).newPage();
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** Plans a gathering for later today, with a live call at a fixed time in the middle;
 * returns its live view's address and the fixed slot. */
async function planToday(browser: Browser, name: string): Promise<{ live: string; hard: string }> {
  // A zone where it is day time now, so the whole programme fits in today.
  const zone = ["Europe/Tirane", "Asia/Tehran", "America/New_York", "Asia/Tokyo", "America/Los_Angeles", "Pacific/Auckland"].find(
    (z) => localNow(z).minutes <= 18 * 60,
  )!;
  const now = localNow(zone);
  const start = Math.ceil((now.minutes + 60) / 5) * 5;
  const hard = start + 90;
  const page = await device(browser);
  await signIn(page, "organiser@example.org");
  await page.getByRole("link", { name: "Plan a new gathering" }).click();
  await page.getByLabel("Title", { exact: true }).fill(name);
  await page.getByLabel("Time zone, without a venue").fill(zone);
  await page.getByLabel("Date").fill(now.date);
  await page.getByLabel("Starts").fill(hhmm(start));
  await page.getByLabel("Ends", { exact: true }).fill(hhmm(start + 180));
  await page.getByRole("button", { name: "Create the gathering" }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  const segments = [["Opening", "10", ""], ["Screening", "20", ""], ["Live call", "15", hhmm(hard)]];
  for (const [i, [title, minutes, fixed]] of segments.entries()) {
    const form = page.locator("form.add-segment");
    await form.getByLabel("Title", { exact: true }).fill(title);
    await form.getByLabel("Duration").fill(minutes);
    if (fixed) await form.getByLabel("Fixed start").fill(fixed);
    await form.getByRole("button", { name: "Add the segment" }).click();
    await expect(page.locator("li.editor-row")).toHaveCount(i + 1);
  }
  const live = new URL(page.url()).pathname.replace(/\/agenda$/, "/live");
  await page.context().close();
  return { live, hard: `${hhmm(hard)}–${hhmm(hard + 15)}` };
}

test("the host starts the opening; every open live view shifts the times, the fixed start stays", async ({ browser }, info) => {
  const { live, hard } = await planToday(browser, `Live check ${info.project.name} ${Date.now()}`);
  const host = await device(browser, info.project.name === "js");
  await signIn(host, "host@example.org");
  await host.goto(live);
  const rows = host.locator("li.live-row");
  await expect(rows).toHaveCount(3);
  await expect(host.locator(".now")).toContainText("Nothing is running.");
  await expect(rows.first()).toHaveAttribute("data-phase", "next");

  // A second device follows along (with JavaScript: live updates).
  const follower = await device(browser);
  await signIn(follower, "organiser@example.org");
  await follower.goto(live);
  await expect(follower.locator(".live-updates")).toHaveAttribute("data-state", "open");
  const followed = follower.locator("li.live-row");
  const plannedFilm = await followed.nth(1).locator(".start-end").textContent();

  await host.locator(".next").getByRole("button", { name: "Start" }).click();
  await expect(rows.first()).toHaveAttribute("data-phase", "running");
  await expect(host.locator(".countdown")).toContainText("left");
  const shiftedFilm = (await rows.nth(1).locator(".start-end").textContent())!;
  expect(shiftedFilm).not.toBe(plannedFilm);
  await expect(rows.nth(2).locator(".start-end")).toHaveText(hard);

  // Within two seconds the other device shows the same shifted times.
  await expect(followed.first()).toHaveAttribute("data-phase", "running", { timeout: 2_000 });
  await expect(followed.nth(1).locator(".start-end")).toHaveText(shiftedFilm, { timeout: 2_000 });
  await expect(followed.nth(2).locator(".start-end")).toHaveText(hard);

  // Skipping the screening is recorded and moves the rest up.
  await host.locator("li.live-row").nth(1).getByRole("button", { name: "Skip" }).click();
  await expect(rows.nth(1)).toHaveAttribute("data-phase", "skipped");
  await expect(followed.nth(1)).toHaveAttribute("data-phase", "skipped", { timeout: 2_000 });
});
