import { expect, test, type Page } from "@playwright/test";

// The gathering in the park on Rruga Ura, Tirana, 26 November 2023 (field notes, 1),
// planned from nothing through the organiser's pages: a venue, the people, the film, the
// gathering, its agenda with who appears how, and the statement read at the end.

const PASSWORD = process.env.E2E_PASSWORD ?? "";
const ORG = "/manage/o/families-association";

async function signIn(page: Page, email: string, next: string) {
  await page.goto(`/sign-in?next=${next}`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next}$`));
}

test("an organiser builds the Tirana park gathering from scratch", async ({ page, browser }, info) => {
  const p = info.project.name;
  await signIn(page, "organiser@example.org", `${ORG}/directory`);

  // The venue, in Tirana's zone.
  const venue = `Park on Rruga Ura (${p})`;
  await page.locator("summary", { hasText: "Add a venue" }).click();
  const venueForm = page.locator("details.add", { hasText: "Add a venue" });
  await venueForm.getByLabel("Name", { exact: true }).fill(venue);
  await venueForm.getByLabel("City", { exact: true }).fill("Tirana");
  await venueForm.getByLabel("Country", { exact: true }).fill("Albania");
  await venueForm.getByLabel("Time zone").fill("Europe/Tirane");
  await venueForm.getByLabel("Setting").selectOption("outdoor");
  await venueForm.getByRole("button", { name: "Add a venue" }).click();
  await expect(page.locator("ul[data-kind=venue]")).toContainText(venue);

  // The people: the host in the park, the speaker joining online from Toronto.
  const host = `Park host (${p})`;
  const mother = `Head of the mothers' organisation (${p})`;
  for (const [name, zone, languages] of [[host, "Europe/Tirane", "sq, fa"], [mother, "America/Toronto", "fa"]]) {
    await page.locator("summary", { hasText: "Add a person" }).click();
    const form = page.locator("details.add", { hasText: "Add a person" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Languages").fill(languages);
    await form.getByLabel("Home time zone").fill(zone);
    await form.getByRole("button", { name: "Add a person" }).click();
    await expect(page.locator("ul[data-kind=person]")).toContainText(name);
  }

  // The film, whose running time the screening takes.
  const film = `Biography (${p})`;
  await page.locator("summary", { hasText: "Add a film" }).click();
  const filmForm = page.locator("details.add", { hasText: "Add a film" });
  await filmForm.getByLabel("Title", { exact: true }).fill(film);
  await filmForm.getByLabel("Running time").fill("14");
  await filmForm.getByRole("button", { name: "Add a film" }).click();
  await expect(page.locator("ul[data-kind=film]")).toContainText(film);

  // The gathering: 11:00 to 13:05 in Tirana, for an Albanian- and Persian-speaking crowd.
  await page.goto(`${ORG}/new`);
  const title = `Gathering in the park (${p})`;
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Kind").selectOption("rally");
  await page.getByLabel("Venue", { exact: true }).selectOption({ label: `${venue} (Europe/Tirane)` });
  await page.getByLabel("Date").fill("2023-11-26");
  await page.getByLabel("Starts").fill("11:00");
  await page.getByLabel("Ends", { exact: true }).fill("13:05");
  await page.getByLabel("Languages").fill("sq, fa");
  await page.getByRole("button", { name: "Create the gathering" }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  const agenda = page.url();

  // The agenda, timed at once in the park's zone.
  const add = async (kind: string, segment: string, minutes: string, filmLabel?: string) => {
    const form = page.locator("form.add-segment");
    await form.getByLabel("Kind of segment").selectOption(kind);
    await form.getByLabel("Title", { exact: true }).fill(segment);
    await form.getByLabel("Duration").fill(minutes);
    if (filmLabel) await form.getByLabel("Film").selectOption({ label: filmLabel });
    await form.getByRole("button", { name: "Add the segment" }).click();
  };
  await add("introduction", "Opening and introduction of the society", "10");
  await add("screening", "Documentary: Biography", "", `${film} (14 min)`);
  await add("speech", "Address by the head of the mothers' organisation", "12");
  await add("statement_reading", "Reading of the final statement", "8");
  const rows = page.locator("li.editor-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0).locator(".start-end")).toHaveText("11:00–11:10");
  await expect(rows.nth(1).locator(".start-end")).toHaveText("11:10–11:24");
  await expect(rows.nth(2).locator(".start-end")).toHaveText("11:24–11:36");
  await expect(rows.nth(3).locator(".start-end")).toHaveText("11:36–11:44");

  // Who appears how: the host in person; the speaker online from Toronto, in Persian,
  // interpreted into Albanian by the host.
  const appear = async (row: number, person: string, role: string, mode: string, speaks: string, into = "") => {
    const r = rows.nth(row);
    const form = r.locator("details.add-appearance");
    await form.locator("summary").click();
    await form.getByLabel("Person", { exact: true }).selectOption({ label: person });
    await form.getByLabel("Role", { exact: true }).selectOption(role);
    await form.getByLabel("How", { exact: true }).selectOption(mode);
    await form.getByLabel("Speaks", { exact: true }).fill(speaks);
    await form.getByLabel("Interpreted into", { exact: true }).fill(into);
    await form.getByRole("button", { name: "Add a person" }).click();
  };
  await appear(0, `${host} (Europe/Tirane)`, "host", "in_person", "sq");
  await appear(2, `${mother} (America/Toronto)`, "speaker", "online", "fa");
  // 11:24 in Tirana is 05:24 in Toronto; and nobody interprets her Persian into Albanian.
  await expect(rows.nth(2).locator("ul.warnings")).toContainText(`joins online at 05:24 in America/Toronto`);
  await expect(rows.nth(2).locator("ul.warnings")).toContainText("into Albanian, a language of the audience");
  // The host interprets her into Albanian: the warning about the audience goes.
  const speaker = rows.nth(2).locator("ul.appearances li", { hasText: mother });
  await speaker.getByRole("button", { name: "Remove" }).click();
  await appear(2, `${mother} (America/Toronto)`, "speaker", "online", "fa", "sq");
  await expect(rows.nth(2).locator("ul.warnings")).not.toContainText("a language of the audience");
  await expect(rows.nth(2).locator("ul.warnings")).toContainText("05:24 in America/Toronto");

  // The statement, read in the last segment.
  const add_statement = page.locator("div.add-statement");
  await add_statement.getByLabel("Title").fill("Final statement of the gathering in Tirana");
  await add_statement.getByLabel("Language (code, e.g. sq)").fill("sq");
  await add_statement.getByLabel("Points, one per line").fill(
    "We ask to see our relatives and to speak with them freely.\nWe ask the authorities to help families make these visits possible.",
  );
  await add_statement.getByRole("button", { name: "Add a statement" }).click();
  await rows.nth(3).locator("details.edit-segment > summary").click();
  await rows.nth(3).getByLabel("Statement read in this segment").selectOption({ label: "Final statement of the gathering in Tirana" });
  await rows.nth(3).getByRole("button", { name: "Save the changes" }).click();
  await expect(rows.nth(3)).toContainText("reads Final statement of the gathering in Tirana");

  // A colleague's page, opened before a change, cannot overwrite it.
  const colleague = await browser.newContext({ javaScriptEnabled: p === "js" });
  const other = await colleague.newPage();
  await signIn(other, "organiser@example.org", new URL(agenda).pathname);
  await rows.nth(0).locator("details.edit-segment > summary").click();
  await rows.nth(0).getByLabel("Duration", { exact: true }).fill("15");
  await rows.nth(0).getByRole("button", { name: "Save the changes" }).click();
  await expect(rows.nth(1).locator(".start-end")).toHaveText("11:15–11:29");
  const theirs = other.locator("li.editor-row").nth(3);
  await theirs.locator("details.edit-segment > summary").click();
  await theirs.getByLabel("Title", { exact: true }).fill("Reading and signing of the final statement");
  await theirs.getByRole("button", { name: "Save the changes" }).click();
  await expect(other.getByRole("alert").first()).toContainText("Changed by");
  await expect(other.locator("li.editor-row").nth(3).getByLabel("Title", { exact: true })).toHaveValue("Reading and signing of the final statement");
  await colleague.close();

});

test("a host cannot reach an organiser action by posting the form directly", async ({ page }) => {
  await signIn(page, "host@example.org", "/manage");
  const response = await page.request.post(`${ORG}/tirana-park-2023/agenda`, {
    form: { action: "add", kind: "speech", title: "Smuggled in", duration: "5" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  await page.goto("/o/families-association/tirana-park-2023");
  await expect(page.getByText("Smuggled in")).toHaveCount(0);
});
