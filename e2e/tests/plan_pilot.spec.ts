import { expect, test } from "@playwright/test";
import { PlanPage } from "./pages/app";

test("a planned pilot shows its three windows and the review date", async ({ page }) => {
  const plan = new PlanPage(page);
  await plan.open();
  await plan.waitForHydration();
  await plan.fill("2026-01-05", "30", "28", "30");
  await plan.submit();
  await expect(plan.window("baseline")).toContainText("Mon 5 Jan 2026");
  await expect(plan.window("baseline")).toContainText("Tue 3 Feb 2026");
  await expect(plan.window("follow_up")).toContainText("Thu 2 Apr 2026");
  await expect(page.getByTestId("review-starts")).toContainText("Friday 3 April 2026");
  await expect(page).toHaveURL(/baseline_start=2026-01-05/);
});

test("a bad window length is named in the error", async ({ page }) => {
  const plan = new PlanPage(page);
  await plan.open("?baseline_start=2026-01-05&baseline_days=30&intervention_days=abc&follow_up_days=30");
  await expect(plan.error()).toContainText("intervention_days");
  await expect(plan.error()).toContainText("'abc' is not a whole number of days");
  await expect(page.getByLabel("Intervention (days)")).toHaveAttribute("aria-invalid", "true");
});

test.describe("before the WebAssembly loads", () => {
  test.use({ javaScriptEnabled: false });

  test("the planner form still works", async ({ page }) => {
    const plan = new PlanPage(page);
    await plan.open();
    await plan.fill("2026-03-02", "14", "21", "14");
    await plan.submit();
    await expect(plan.window("baseline")).toContainText("Mon 2 Mar 2026");
    await expect(plan.window("baseline")).toContainText("Sun 15 Mar 2026");
    await expect(plan.window("intervention")).toContainText("Mon 16 Mar 2026");
  });
});
