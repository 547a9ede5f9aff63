import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const PASSWORD = process.env.E2E_PASSWORD ?? "";
const ORG = "/o/families-association";
const CONVENE = path.join(__dirname, "../../target/debug/convene");

test("an organiser builds a two-room conference; a visitor stars sessions and subscribes", async ({ page, request }, info) => {
  const p = info.project.name;
  await page.goto("/sign-in?next=/manage");
  await page.getByLabel("E-mail address").fill("organiser@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Plan a new gathering" }).click();
  await page.getByLabel("Title", { exact: true }).fill(`Youth forum ${p}`);
  await page.getByLabel("Kind").selectOption("conference");
  await page.getByLabel("Time zone, without a venue").fill("Europe/Tirane");
  await page.getByLabel("Date").fill("2027-03-14");
  await page.getByLabel("Starts").fill("09:00");
  await page.getByLabel("Ends", { exact: true }).fill("13:00");
  await page.getByRole("button", { name: "Create the gathering" }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  const agenda = page.url();
  const slug = new URL(agenda).pathname.split("/")[4];

  // A first segment makes the first lane; name it, and add a second room beside it.
  const add = page.locator("form.add-segment");
  await add.getByLabel("Title", { exact: true }).fill("Opening");
  await add.getByLabel("Duration").fill("30");
  await add.getByRole("button", { name: "Add the segment" }).click();
  const lanes = page.locator("details.lanes");
  await lanes.locator("summary").click();
  await lanes.locator(".lane-list input[name=name]").first().fill("Hall A");
  await lanes.locator(".lane-list").getByRole("button", { name: "Save the changes" }).first().click();
  await page.locator("details.lanes summary").click();
  await page.locator("form.add-lane").getByLabel("Name").fill("Hall B");
  await page.locator("form.add-lane").getByRole("button", { name: "Add a lane" }).click();
  await expect(page.locator(".lane-column h2")).toHaveText(["Hall A", "Hall B"]);

  // Sessions in each room, with what the public programme shows of them.
  for (const [title, room, minutes, about] of [
    ["Workshop on rights", "Hall B", "45", "How to ask for a permit."],
    ["Panel of mothers", "Hall A", "30", "Three mothers of the park."],
  ]) {
    await add.getByLabel("Title", { exact: true }).fill(title);
    await add.getByLabel("Duration").fill(minutes);
    await add.getByLabel("Room", { exact: true }).selectOption({ label: room });
    await add.getByLabel("What it is about (public)").fill(about);
    await add.getByLabel("Track").fill("Rights");
    await add.getByRole("button", { name: "Add the segment" }).click();
  }
  const hallB = page.locator(".lane-column").nth(1);
  await expect(hallB.locator("li.editor-row")).toHaveCount(1);
  await expect(hallB.locator(".start-end")).toHaveText("09:00–09:45");
  // Each room is timed on its own: the panel follows the opening, not the workshop.
  const hallA = page.locator(".lane-column").nth(0);
  await expect(hallA.locator("li.editor-row").nth(1).locator(".start-end")).toHaveText("09:30–10:00");

  // The panel moves to Hall B, after the workshop there.
  const panel = hallA.locator("li.editor-row").nth(1);
  await panel.locator("details.edit-segment summary").click();
  await panel.getByLabel("Room", { exact: true }).selectOption({ label: "Hall B" });
  await panel.locator("details.edit-segment").getByRole("button", { name: "Save the changes" }).click();
  await expect(page.locator(".lane-column").nth(1).locator("li.editor-row")).toHaveCount(2);
  await expect(page.locator(".lane-column").nth(1).locator("li.editor-row").nth(1).locator(".start-end")).toHaveText("09:45–10:15");

  await page.goto(agenda.replace(/\/agenda$/, "/edit"));
  await page.getByLabel("Status", { exact: true }).selectOption("published");
  await page.getByRole("button", { name: "Save the changes" }).first().click();
  await expect(page).toHaveURL(/\/agenda$/);

  // The public grid: a column per room, every session, the track's calendar.
  await page.goto(`${ORG}/${slug}`);
  await page.getByRole("link", { name: "See the programme" }).click();
  await expect(page).toHaveURL(new RegExp(`${slug}/programme$`));
  const grid = page.locator("table.programme-grid");
  await expect(grid.locator("thead th")).toHaveCount(3);
  await expect(grid.locator("thead")).toContainText("Hall A");
  await expect(grid.locator("thead")).toContainText("Hall B");
  await expect(grid.locator("td.session")).toHaveCount(3);
  await expect(page.locator(".programme-tracks")).toContainText("Rights");

  // Star two sessions and ask for "my programme": the choice is in the address.
  await page.getByLabel("Add “Opening” to my programme").check();
  await page.getByLabel("Add “Panel of mothers” to my programme").check();
  await page.getByRole("button", { name: "Show my programme" }).click();
  await expect(page).toHaveURL(/\/my\?s=/);
  await expect(page.locator(".my-programme .agenda li")).toHaveCount(2);
  await expect(page.locator(".my-programme")).toContainText("Panel of mothers");
  const feed = await page.locator(".my-programme a.download").getAttribute("href");
  expect(feed).toMatch(/my\.ics\?lang=en&s=/);
  const ics = await (await request.get(feed!)).text();
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  expect(ics).toMatch(/^SUMMARY[^:\r\n]*:Panel of mothers/m);
  expect(ics).toMatch(/^LOCATION[^:\r\n]*:Hall B\r?$/m);
  await expect(page.locator(".my-programme a.subscribe")).toHaveAttribute("href", /^webcal:\/\//);

  // A session's own page.
  await page.getByRole("link", { name: "Panel of mothers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Panel of mothers");
  await expect(page.locator(".facts")).toContainText("09:45–10:15");
  await expect(page.locator(".facts")).toContainText("Hall B");
  await expect(page.locator(".abstract")).toContainText("Three mothers of the park.");

  // On a phone the grid is a list in time order, each session with its time and room.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${ORG}/${slug}/programme`);
  await expect(grid.locator("thead")).toBeHidden();
  const cards = grid.locator("td.session");
  await expect(cards.nth(0).locator(".when")).toBeVisible();
  await expect(cards.nth(0)).toContainText("Opening");
  await expect(cards.nth(0).locator(".room")).toContainText("Hall A");

  // The frab export reads back into a new conference through the import.
  const xml = await (await request.get(`${ORG}/${slug}/schedule.xml`)).text();
  expect(xml).toContain("<time_zone_name>Europe/Tirane</time_zone_name>");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "frab-"));
  fs.writeFileSync(path.join(dir, "schedule.xml"), xml);
  const out = execFileSync(CONVENE, ["import-schedule", "--org", `frab-${p}`, path.join(dir, "schedule.xml")], {
    env: { ...process.env, DATABASE_URL: `sqlite://${dir}/read-back.db?mode=rwc` },
  }).toString();
  expect(out).toContain("Imported 3 sessions in 2 rooms");
  expect(out).toMatch(/\/o\/frab-[a-z-]+\/[a-z0-9-]+\/programme/);
  fs.rmSync(dir, { recursive: true });

  // Released as version 1, then the workshop runs longer: the panel after it moves, and
  // the public page says so.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(agenda);
  await page.locator("details.releases summary").click();
  await page.getByLabel("A note for the public (optional)").fill("The first programme");
  await page.getByRole("button", { name: "Release version 1" }).click();
  await expect(page).toHaveURL(/\/agenda#releases$/);
  const workshop = page.locator(".lane-column").nth(1).locator("li.editor-row").first();
  await workshop.locator("details.edit-segment summary").click();
  await workshop.getByLabel("Duration").fill("60");
  await workshop.locator("details.edit-segment").getByRole("button", { name: "Save the changes" }).click();
  await page.goto(`${ORG}/${slug}/programme`);
  await expect(page.locator(".programme-release")).toContainText("Version 1, released");
  await expect(page.locator(".programme-release")).toContainText("The first programme");
  await page.getByRole("link", { name: "What changed since version 1" }).click();
  const changes = page.locator("li.change");
  await expect(changes).toHaveCount(2);
  await expect(page.locator('li.change[data-kind="moved"]')).toContainText(["Workshop on rights", "Panel of mothers"]);
  await expect(page.locator('li.change[data-kind="moved"]').nth(1)).toContainText("10:00–10:30");
});
