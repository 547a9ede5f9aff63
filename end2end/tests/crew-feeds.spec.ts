import { expect, test } from "@playwright/test";

const EMAIL = process.env.E2E_EMAIL ?? "host@example.org";
const PASSWORD = process.env.E2E_PASSWORD ?? "";

test("a host makes a private crew feed, reads the run of show in it, and revokes it", async ({ page, request }, info) => {
  await page.goto("/sign-in?next=/manage");
  await page.getByLabel("E-mail address").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/manage$/);
  await page.getByRole("link", { name: "Crew calendar feeds" }).click();

  // A missing name is refused beside the field.
  const label = page.getByLabel("Name of the feed");
  await label.fill(" ");
  await page.getByRole("button", { name: "Make a crew feed" }).click();
  await expect(page.locator(".field-error")).toHaveText("This cannot be empty.");

  const name = `Phone (${info.project.name})`;
  await page.getByLabel("Name of the feed").fill(name);
  await page.getByRole("button", { name: "Make a crew feed" }).click();
  await expect(page.getByRole("status")).toContainText("it is shown only once");
  const address = await page.getByLabel("Address of the crew feed").inputValue();
  expect(address).toMatch(/^https?:\/\/[^/]+\/crew\/[0-9a-f]{64}\/calendar\.ics$/);
  await expect(page.getByRole("link", { name: "Subscribe in your calendar app" })).toHaveAttribute(
    "href",
    address.replace(/^https?:/, "webcal:"),
  );

  const path = new URL(address).pathname;
  const feed = await request.get(path);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["cache-control"]).toBe("private, no-cache");
  const text = (await feed.text()).replace(/\r\n /g, "");
  expect(text).toContain("Mic 1 to the host");
  expect(text).toContain("ONLINE from Europe/London");

  // Listed without its address; revoking it closes the address at once.
  await page.goto("/manage/o/families-association/crew-feeds");
  const row = page.locator("tr", { hasText: name });
  await expect(row).toHaveCount(1);
  await expect(page.locator("body")).not.toContainText(address);
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(page.locator("tr", { hasText: name })).toHaveCount(0);
  expect((await request.get(path)).status()).toBe(404);
});
