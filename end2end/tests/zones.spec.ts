import { expect, test, type APIRequestContext } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import ICAL from "ical.js";

// Gatherings at the edges of the clock, built through the organiser's forms, read back
// by two independent calendar readers (each using only the feed's own VTIMEZONEs) and
// compared, instant by instant, with what the public page and the call sheet say.

const PYTHON = process.env.FEED_PYTHON ?? path.join(__dirname, "../../target/pyenv/bin/python");
const PASSWORD = process.env.E2E_PASSWORD ?? "";
const ORG = "families-association";
const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";

async function post(request: APIRequestContext, url: string, form: Record<string, string>) {
  const response = await request.post(url, { form, headers: { Origin: BASE }, maxRedirects: 0 });
  expect(response.status(), `${url}: ${await response.text()}`).toBe(303);
  return response.headers()["location"];
}

async function version(request: APIRequestContext, agenda: string): Promise<string> {
  const page = await (await request.get(agenda)).text();
  return page.match(/name="version" value="(\d+)"/)![1];
}

/** Makes a published gathering without a venue and its agenda; returns its slug. */
async function gathering(
  request: APIRequestContext,
  g: { title: string; zone: string; date: string; starts: string; ends: string; nextDay?: boolean },
  segments: { title: string; minutes: number; fixed?: string }[],
): Promise<string> {
  const agenda = await post(request, `/manage/o/${ORG}/new`, {
    title: g.title,
    slug: "",
    kind: "vigil",
    status: "published",
    venue: "",
    time_zone: g.zone,
    date: g.date,
    starts: g.starts,
    ends: g.ends,
    ...(g.nextDay ? { ends_next_day: "on" } : {}),
    languages: "en",
    public_description: "",
    internal_notes: "",
    expected_attendance: "",
  });
  for (const s of segments) {
    await post(request, agenda, {
      action: "add",
      version: await version(request, agenda),
      kind: "speech",
      title: s.title,
      duration: String(s.minutes),
      hard_start: s.fixed ?? "",
      public: "on",
      cue_notes: "",
    });
  }
  return agenda.split("/")[4];
}

type Instants = Map<string, { start: string; end: string }>;

// A segment's title in its event's SUMMARY ("title – speakers · gathering").
const title = (summary: string) => summary.split(" · ")[0].split(" – ")[0];

function byIcalJs(text: string): Instants {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  const iso = (t: ICAL.Time) => new Date(t.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
  const out: Instants = new Map();
  for (const ve of root.getAllSubcomponents("vevent")) {
    const ev = new ICAL.Event(ve);
    out.set(title(ev.summary), { start: iso(ev.startDate), end: iso(ev.endDate) });
  }
  return out;
}

function byPython(text: string): Instants {
  const events = JSON.parse(
    execFileSync(PYTHON, [path.join(__dirname, "../feeds/instants.py")], { input: text }).toString(),
  ) as Record<string, { start: string; end: string; summary: string }>;
  return new Map(Object.values(events).map((e) => [title(e.summary), { start: e.start, end: e.end }]));
}

async function feedInstants(request: APIRequestContext, slug: string): Promise<Instants> {
  const text = await (await request.get(`/o/${ORG}/${slug}/calendar.ics?segments=1`)).text();
  const a = byIcalJs(text);
  const b = byPython(text);
  expect([...a.entries()], "ical.js and Python icalendar agree").toEqual([...b.entries()]);
  return a;
}

test.describe("times at the edges of the clock", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "feeds and forms only: run once");
  const made: string[] = [];

  test.beforeEach(async ({ request }) => {
    await post(request, "/sign-in", { email: "organiser@example.org", password: PASSWORD, next: "/manage" });
  });

  test("a screening night through the repeated autumn hour in Stockholm", async ({ request }) => {
    const slug = await gathering(
      request,
      { title: "Screening night in Stockholm", zone: "Europe/Stockholm", date: "2026-10-24", starts: "23:00", ends: "04:00", nextDay: true },
      [
        { title: "Screening", minutes: 180 },
        { title: "Discussion", minutes: 90 },
        { title: "Questions", minutes: 60 },
      ],
    );
    made.push(slug);
    const got = await feedInstants(request, slug);
    // 23:00 CEST; 02:00 CEST; the second 02:30 (CET) is 01:30 UTC.
    expect(got.get("Screening")).toEqual({ start: "2026-10-24T21:00:00Z", end: "2026-10-25T00:00:00Z" });
    expect(got.get("Discussion")).toEqual({ start: "2026-10-25T00:00:00Z", end: "2026-10-25T01:30:00Z" });
    expect(got.get("Questions")).toEqual({ start: "2026-10-25T01:30:00Z", end: "2026-10-25T02:30:00Z" });
  });

  test("a vigil through the spring-forward gap in Tirana, with a fixed dawn call", async ({ request }) => {
    const slug = await gathering(
      request,
      { title: "Vigil through the night", zone: "Europe/Tirane", date: "2027-03-27", starts: "22:00", ends: "06:00", nextDay: true },
      [
        { title: "Candles", minutes: 120 },
        { title: "Names", minutes: 60 },
        { title: "Songs", minutes: 90 },
        { title: "Dawn call", minutes: 30, fixed: "05:00" },
      ],
    );
    made.push(slug);
    const got = await feedInstants(request, slug);
    expect(got.get("Candles")?.start).toBe("2027-03-27T21:00:00Z");
    expect(got.get("Names")?.start).toBe("2027-03-27T23:00:00Z");
    // 01:00 CET; 90 minutes later the clock reads 03:30 CEST.
    expect(got.get("Songs")).toEqual({ start: "2027-03-28T00:00:00Z", end: "2027-03-28T01:30:00Z" });
    // 05:00 CEST on the morning after is 03:00 UTC.
    expect(got.get("Dawn call")?.start).toBe("2027-03-28T03:00:00Z");
    const page = await (await request.get(`/o/${ORG}/${slug}`)).text();
    expect(page).toContain("03:30");
    expect(page).toContain("05:00");
  });

  test("a gathering at 00:30 on New Year's Day in Tehran", async ({ request }) => {
    const slug = await gathering(
      request,
      { title: "New Year in Tehran", zone: "Asia/Tehran", date: "2027-01-01", starts: "00:30", ends: "02:00" },
      [{ title: "Opening", minutes: 30 }],
    );
    made.push(slug);
    const got = await feedInstants(request, slug);
    expect(got.get("Opening")).toEqual({ start: "2026-12-31T21:00:00Z", end: "2026-12-31T21:30:00Z" });
  });

  test("online speakers in Toronto and Sydney while North America has switched and Europe has not", async ({ request }) => {
    const slug = await gathering(
      request,
      { title: "Evening with guests abroad", zone: "Europe/Tirane", date: "2027-03-20", starts: "18:00", ends: "19:00" },
      [
        { title: "From Toronto", minutes: 20 },
        { title: "From Sydney", minutes: 20 },
      ],
    );
    made.push(slug);
    const agenda = `/manage/o/${ORG}/${slug}/agenda`;
    for (const [name, zone] of [
      ["Speaker in Toronto", "America/Toronto"],
      ["Speaker in Sydney", "Australia/Sydney"],
    ]) {
      await post(request, `/manage/o/${ORG}/directory`, {
        action: "person",
        name,
        languages: "en",
        home_time_zone: zone,
        contact: "",
        public_bio: "",
        listed_publicly: "on",
      });
    }
    const editor = await (await request.get(agenda)).text();
    // People are offered as "name (home zone)".
    const person = (name: string) => editor.match(new RegExp(`<option value="(\\d+)"[^>]*>${name} \\(`))![1];
    // Each editor row begins with id="segment-N" and holds its title.
    const segment = (title: string) =>
      editor
        .split('id="segment-')
        .slice(1)
        .find((row) => row.includes(title))!
        .match(/^(\d+)/)![1];
    for (const [title, name] of [
      ["From Toronto", "Speaker in Toronto"],
      ["From Sydney", "Speaker in Sydney"],
    ]) {
      await post(request, agenda, {
        action: "appear",
        version: await version(request, agenda),
        segment: segment(title),
        person: person(name),
        role: "speaker",
        mode: "online",
        language: "en",
        interpreted_into: "",
        online_link: "",
      });
    }
    const got = await feedInstants(request, slug);
    // 18:00 CET is 17:00 UTC.
    expect(got.get("From Toronto")?.start).toBe("2027-03-20T17:00:00Z");
    expect(got.get("From Sydney")?.start).toBe("2027-03-20T17:20:00Z");
    // Toronto is on summer time already (UTC-4): 13:00 there, not 12:00. Sydney is on
    // its summer time (UTC+11): 04:20 the next morning.
    const sheets = await (await request.get(`/manage/o/${ORG}/${slug}/call-sheets`)).text();
    const toronto = sheets.slice(sheets.indexOf("Speaker in Toronto"));
    expect(toronto.slice(0, toronto.indexOf("</section>"))).toMatch(/13:00[^<]*America\/Toronto/);
    const sydney = sheets.slice(sheets.indexOf("Speaker in Sydney"));
    expect(sydney.slice(0, sydney.indexOf("</section>"))).toMatch(/04:20[^<]*Australia\/Sydney/);
  });

  test.afterAll(async ({ browser }) => {
    // Back to drafts, so the other specs see the demo's public gatherings only.
    const page = await browser.newPage();
    await page.goto(`${BASE}/sign-in?next=/manage`);
    await page.getByLabel("E-mail address").fill("organiser@example.org");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    for (const slug of made) {
      await page.goto(`${BASE}/manage/o/${ORG}/${slug}/edit`);
      await page.getByLabel("Status", { exact: true }).selectOption("draft");
      await page.getByRole("button", { name: "Save the changes" }).first().click();
      await expect(page).toHaveURL(/\/agenda$/);
    }
    await page.close();
  });
});
