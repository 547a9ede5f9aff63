import { expect, test, type APIRequestContext } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import ICAL from "ical.js";

const ORG = "/o/families-association";
const PYTHON = process.env.FEED_PYTHON ?? path.join(__dirname, "../../target/pyenv/bin/python");

/** The UTC instant of a local wall-clock time in an IANA zone, by the runtime's own tz data. */
function zonedToUtc(local: string, zone: string): number {
  const [d, t] = local.split("T");
  const [y, mo, da] = d.split("-").map(Number);
  const [h, mi] = t.split(":").map(Number);
  const guess = Date.UTC(y, mo - 1, da, h, mi);
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    }).formatToParts(new Date(ms));
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute")) - ms;
  };
  const first = guess - offsetAt(guess);
  return guess - offsetAt(first);
}

/** What the public pages say: each gathering's local start and zone, as UTC instants. */
async function pageInstants(request: APIRequestContext): Promise<Map<string, number>> {
  const html = await (await request.get(ORG)).text();
  // Gatherings' addresses, not the site's own pages under the organisation (reserved words).
  const own = new Set(["digest", "campaigns", "venues", "people", "kinds", "statements"]);
  const slugs = [...html.matchAll(/href="\/o\/families-association\/([a-z0-9-]+)"/g)]
    .map((m) => m[1])
    .filter((slug) => !own.has(slug));
  expect(slugs.length).toBeGreaterThan(3);
  const out = new Map<string, number>();
  for (const slug of slugs) {
    const page = await (await request.get(`${ORG}/${slug}`)).text();
    const local = page.match(/<time datetime="([0-9T:-]+)"/)![1];
    const zone = page.match(/<span class="zone">\(<bdi dir="ltr">([^<]+)</)![1];
    out.set(slug, zonedToUtc(local, zone));
  }
  return out;
}

/** Start instants per UID computed by ical.js from the feed's own VTIMEZONEs. */
function icalJsInstants(text: string): Map<string, { start: number; status: string }> {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  }
  const out = new Map<string, { start: number; status: string }>();
  for (const ve of root.getAllSubcomponents("vevent")) {
    const ev = new ICAL.Event(ve);
    const tzid = ve.getFirstProperty("dtstart")!.getParameter("tzid");
    expect(tzid, `${ev.uid} has a TZID`).toBeTruthy();
    expect(ICAL.TimezoneService.has(tzid as string), `${tzid} has a VTIMEZONE`).toBe(true);
    out.set(ev.uid, { start: ev.startDate.toUnixTime() * 1000, status: String(ve.getFirstPropertyValue("status")) });
  }
  return out;
}

function pythonInstants(text: string): Record<string, { start: string; end: string; status: string }> {
  return JSON.parse(
    execFileSync(PYTHON, [path.join(__dirname, "../feeds/instants.py")], { input: text }).toString(),
  );
}

test.describe("calendar feeds", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "no browser involved: run once");

  test("the organisation feed gives every calendar the times the pages show", async ({ request }) => {
    const response = await request.get(`${ORG}/calendar.ics`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    expect(text).not.toMatch(/TZID:GMT|TZID=GMT/);

    const pages = await pageInstants(request);
    const byIcalJs = icalJsInstants(text);
    const byPython = pythonInstants(text);
    expect(byIcalJs.size).toBe(pages.size);
    for (const [slug, instant] of pages) {
      const uid = `${slug}@families-association.convene`;
      expect(byIcalJs.get(uid)?.start, `ical.js: ${slug}`).toBe(instant);
      expect(Date.parse(byPython[uid].start), `python icalendar: ${slug}`).toBe(instant);
    }
    // The field notes' anchors: Tirana 11:00 CET, Tehran 10:00 at +03:30, Stockholm 18:00 CEST.
    expect(byPython["tirana-park-2023@families-association.convene"].start).toBe("2023-11-26T10:00:00Z");
    expect(byPython["tehran-embassy-rally-2023@families-association.convene"].start).toBe("2023-11-20T06:30:00Z");
    expect(byPython["stockholm-screening-2024@families-association.convene"].start).toBe("2024-05-18T16:00:00Z");
    // Nothing internal is in the public feed.
    for (const secret of ["call.invalid", "Pack-up", "hot tea", "vigil-draft", "Former member"]) {
      expect(text).not.toContain(secret);
    }
  });

  test("an unchanged feed is the same bytes, and a conditional request gets 304", async ({ request }) => {
    const first = await request.get(`${ORG}/calendar.ics?lang=fa`);
    const second = await request.get(`${ORG}/calendar.ics?lang=fa`);
    expect(await second.text()).toBe(await first.text());
    const etag = first.headers()["etag"];
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(first.headers()["last-modified"]).toBeTruthy();
    const again = await request.get(`${ORG}/calendar.ics?lang=fa`, { headers: { "If-None-Match": etag } });
    expect(again.status()).toBe(304);
    // Another language is another document.
    const english = await request.get(`${ORG}/calendar.ics?lang=en`, { headers: { "If-None-Match": etag } });
    expect(english.status()).toBe(200);
  });

  test("feeds speak the language asked for and say so", async ({ request }) => {
    const sq = await (await request.get(`${ORG}/tirana-park-2023/calendar.ics?lang=sq`)).text();
    const unfolded = sq.replace(/\r\n /g, "");
    expect(unfolded).toContain("SUMMARY;LANGUAGE=sq:Tubim publik në parkun e Rrugës Ura");
    expect(unfolded).toContain("11:00–11:10 Hapja dhe prezantimi i shoqatës");
    const fa = pythonInstants(await (await request.get(`${ORG}/tirana-park-2023/calendar.ics?lang=fa`)).text());
    expect(fa["tirana-park-2023@families-association.convene"].summary).toBe("گردهمایی عمومی در پارک خیابان اورا");
    expect(fa["tirana-park-2023@families-association.convene"].start).toBe("2023-11-26T10:00:00Z");
  });

  test("a gathering can be subscribed to segment by segment", async ({ request }) => {
    const text = await (await request.get(`${ORG}/tirana-park-2023/calendar.ics?segments=1`)).text();
    const events = [...icalJsInstants(text).values()].map((e) => e.start).sort();
    expect(events).toHaveLength(9);
    // 11:00 Tirana is 10:00 UTC; the Biography screening follows at 11:10.
    expect(new Date(events[0]).toISOString()).toBe("2023-11-26T10:00:00.000Z");
    expect(new Date(events[1]).toISOString()).toBe("2023-11-26T10:10:00.000Z");
  });

  test("drafts and unknown gatherings have no feed", async ({ request }) => {
    expect((await request.get(`${ORG}/vigil-draft/calendar.ics`)).status()).toBe(404);
    expect((await request.get(`${ORG}/no-such-thing/calendar.ics`)).status()).toBe(404);
    expect((await request.get(`/o/nobody/calendar.ics`)).status()).toBe(404);
  });
});

test("the gathering page offers subscribe and add-to-calendar links", async ({ page, request }) => {
  await page.goto(`${ORG}/tirana-park-2023?lang=sq`);
  const links = page.locator("section.calendar-links");
  await expect(links.getByRole("heading")).toHaveText("Shtoje në kalendarin tënd");
  const webcal = await links.locator("a.subscribe").getAttribute("href");
  expect(webcal).toMatch(/^webcal:\/\/[^/]+\/o\/families-association\/tirana-park-2023\/calendar\.ics\?lang=sq$/);
  const google = new URL((await links.locator("a.google").getAttribute("href"))!);
  expect(google.searchParams.get("dates")).toBe("20231126T100000Z/20231126T120500Z");
  expect(google.searchParams.get("ctz")).toBe("Europe/Tirane");
  const outlook = new URL((await links.locator("a.outlook").getAttribute("href"))!);
  expect(outlook.searchParams.get("startdt")).toBe("2023-11-26T10:00:00Z");
  const download = await links.locator("a.download").getAttribute("href");
  const ics = await request.get(download!);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  // The organisation page subscribes to everything, in the language chosen before.
  await page.goto(ORG);
  await expect(page.locator("p.calendar-links a.subscribe")).toHaveAttribute("href", /^webcal:\/\/.+\/o\/families-association\/calendar\.ics\?lang=sq$/);
});
