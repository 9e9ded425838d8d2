// Page weight benchmark (not a test; run by scripts/bench-pages): loads each main page of a
// running release server in headless Chromium with an empty cache, as the person who uses it,
// and prints one JSON line per page: bytes transferred by type (compressed, as sent) and the
// time until the page has hydrated; the floor is a plain static HTML page from the same server.
import { chromium } from "playwright-core";

const base = process.env.BENCH_BASE ?? "http://127.0.0.1:3400";
const password = "async pilot demo 2026";
const pages = JSON.parse(process.env.BENCH_PAGES);
const runs = Number(process.env.BENCH_RUNS ?? 3);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic"],
});

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(who, path, phone) {
  const context = await browser.newContext(
    phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
      : { viewport: { width: 1280, height: 900 } },
  );
  if (who !== "anonymous") {
    const signIn = await context.request.post(`${base}/api/v1/session`, { data: { email: who, password } });
    if (signIn.status() !== 200) throw new Error(`${who} could not sign in: ${signIn.status()}`);
  }
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector("[data-hydrated=true]")) {
        window.__hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const types = new Map();
  const bytes = {};
  cdp.on("Network.responseReceived", (event) => {
    const url = event.response.url;
    const kind = url.endsWith(".wasm") ? "wasm" : event.type === "Document" ? "html" : event.type === "Script" ? "js"
      : event.type === "Stylesheet" ? "css" : "other";
    types.set(event.requestId, kind);
  });
  cdp.on("Network.loadingFinished", (event) => {
    const kind = types.get(event.requestId) ?? "other";
    bytes[kind] = (bytes[kind] ?? 0) + event.encodedDataLength;
  });
  await page.goto(base + path, { waitUntil: "load" });
  const hydrates = !path.endsWith(".html");
  if (hydrates) await page.waitForFunction(() => window.__hydratedAt !== undefined, null, { timeout: 60_000 });
  const timing = await page.evaluate(() => ({
    hydrated: window.__hydratedAt ?? null,
    load: performance.getEntriesByType("navigation")[0]?.loadEventEnd ?? null,
  }));
  await context.close();
  return { bytes, ms: hydrates ? timing.hydrated : timing.load };
}

for (const { who, path, label } of pages) {
  for (const phone of [false, true]) {
    const samples = [];
    for (let run = 0; run < runs; run += 1) samples.push(await measure(who, path, phone));
    const bytes = samples[0].bytes;
    const interactive = (bytes.js ?? 0) + (bytes.wasm ?? 0) + (bytes.css ?? 0);
    console.log(JSON.stringify({
      label, path, who, viewport: phone ? "phone" : "desktop", bytes, interactive_bytes: interactive,
      ms_median: Math.round(median(samples.map((sample) => sample.ms))),
    }));
  }
}
await browser.close();
