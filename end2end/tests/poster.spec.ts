import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

const PYTHON = process.env.FEED_PYTHON ?? path.join(__dirname, "../../target/pyenv/bin/python");
const GATHERING = "/o/families-association/tirana-park-2023";

test("the poster's QR code scans to the gathering's calendar, which a phone can open", async ({ page, request }, info) => {
  await page.goto(GATHERING);
  await page.getByRole("link", { name: "Poster to print (A4, with QR code)" }).click();
  await expect(page).toHaveURL(new RegExp(`${GATHERING}/poster$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Public gathering in the park on Rruga Ura");
  await expect(page.locator(".poster-when")).toContainText("11:00");
  await expect(page.locator(".poster-when")).toContainText("Europe/Tirane");

  // Decoded from the rendered pixels by zxing-cpp, not read from the markup.
  const png = info.outputPath("qr.png");
  writeFileSync(png, await page.locator(".poster-qr .qr").screenshot());
  const decoded = execFileSync(PYTHON, [path.join(__dirname, "../feeds/qr.py"), png]).toString().trim();
  expect(decoded).toMatch(new RegExp(`^https?://[^/]+${GATHERING}/calendar\\.ics\\?lang=en$`));

  const feed = await request.get(new URL(decoded).pathname + new URL(decoded).search);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await feed.text()).toContain("SUMMARY;LANGUAGE=en:Public gathering in the park");
});

test("the poster prints on one A4 page with its QR code", async ({ page }, info) => {
  test.skip(info.project.name !== "no-js", "printing is the same with or without JavaScript");
  await page.goto(`${GATHERING}/poster?lang=fa`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.goto(`${GATHERING}/poster?lang=en`);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  const file = info.outputPath("poster.pdf");
  writeFileSync(file, pdf);
  const pages = Number(execFileSync("pdfinfo", [file]).toString().match(/Pages:\s+(\d+)/)![1]);
  expect(pages).toBe(1);
  const text = execFileSync("pdftotext", [file, "-"]).toString().replace(/\s+/g, " ");
  expect(text).toContain("Public gathering in the park");
  expect(text).toContain("Scan to add it to your calendar");
  expect(text).not.toContain("Back to the gathering");
});

test("a draft has no poster", async ({ request }) => {
  const response = await request.get("/o/families-association/vigil-draft/poster");
  expect(response.status()).toBe(404);
});
