// Measures what a visitor's browser transfers for public pages (compressed bytes on the
// wire, per resource), against a running server: `node weight.mjs http://127.0.0.1:3098`.
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3098";
const pages = [
  "/o/families-association/tirana-park-2023",
  "/o/families-association/tirana-park-2023?lang=fa",
  "/o/families-association",
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
for (const path of pages) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const urls = new Map();
  const sizes = new Map();
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
  await page.goto(base + path, { waitUntil: "networkidle" });
  await page.waitForTimeout(500);
  let total = 0;
  const rows = [];
  for (const [id, bytes] of sizes) {
    total += bytes;
    rows.push([new URL(urls.get(id) ?? "about:blank").pathname, bytes]);
  }
  rows.sort((a, b) => b[1] - a[1]);
  console.log(`${path}: ${(total / 1024).toFixed(1)} KB in ${rows.length} responses`);
  for (const [p, b] of rows) console.log(`  ${(b / 1024).toFixed(1).padStart(7)} KB  ${p}`);
  await context.close();
}
await browser.close();
