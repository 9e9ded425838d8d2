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

test("the WebAssembly is revalidated on every use, and sent compressed by the release build", async ({ request }) => {
  const response = await request.get("/pkg/async-pilot.wasm", { headers: { "Accept-Encoding": "br, gzip" } });
  expect(response.status()).toBe(200);
  // No version in the name: a browser may keep it but must ask again (304 when unchanged).
  expect(response.headers()["cache-control"]).toBe("no-cache");
  if (process.env.E2E_RELEASE) {
    // `cargo leptos build --release --precompress` wrote .br and .gz beside each file.
    expect(response.headers()["content-encoding"]).toBe("br");
  }
});
