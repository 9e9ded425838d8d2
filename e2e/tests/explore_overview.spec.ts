import { expect, test } from "@playwright/test";
import { collectBrowserErrors, OverviewPage } from "./pages/app";

test("the overview introduces the product and links every area", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await expect(page).toHaveTitle("Overview · Async Pilot");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("async-first");
  for (const link of ["Overview", "Plan a pilot", "Sign in"]) {
    await expect(overview.nav().getByRole("link", { name: link })).toBeVisible();
  }
});

test("choosing a stage explains it once the page has hydrated", async ({ page }) => {
  const errors = collectBrowserErrors(page);
  const overview = new OverviewPage(page);
  await overview.open();
  await expect(overview.stageDetail()).toContainText("HR writes the hypothesis");
  await overview.waitForHydration();

  await overview.stageButton("Baseline").click();
  await expect(overview.stageButton("Baseline")).toHaveAttribute("aria-pressed", "true");
  await expect(overview.stageDetail()).toContainText("about 30 days");
  await expect(overview.stageDetail()).toContainText("Next: Intervention");

  await overview.stageButton("Closed").click();
  await expect(overview.stageDetail()).not.toContainText("Next:");
  // The content security policy must let the hydration script and WebAssembly run.
  expect(errors).toEqual([]);
});

test("client-side navigation keeps the app running", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await overview.waitForHydration();
  await overview.nav().getByRole("link", { name: "Plan a pilot" }).click();
  await expect(page).toHaveURL(/\/plan$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan a pilot timeline");
  await expect(overview.nav().getByRole("link", { name: "Plan a pilot" })).toHaveAttribute("aria-current", "page");
});

test("the WebAssembly is named by its contents, cached as immutable, and sent compressed by the release build", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const wasm = html.match(/href="(\/pkg\/async-pilot\.[A-Za-z0-9_-]{22}\.wasm)"/)?.[1];
  expect(wasm, "the page preloads the hashed WebAssembly").toBeTruthy();
  expect(html).toMatch(/href="\/pkg\/async-pilot\.[A-Za-z0-9_-]{22}\.css"/);
  const response = await request.get(wasm as string, { headers: { "Accept-Encoding": "br, gzip" } });
  expect(response.status()).toBe(200);
  // A new build has new names, so a browser may keep these files without asking again.
  expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  // The page itself is never kept.
  expect((await request.get("/")).headers()["cache-control"]).toBe("no-store");
  if (process.env.E2E_RELEASE) {
    // `cargo leptos build --release --precompress` wrote .br and .gz beside each file.
    expect(response.headers()["content-encoding"]).toBe("br");
  }
});
