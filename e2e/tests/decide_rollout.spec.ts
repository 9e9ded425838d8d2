// Rollout readiness on the demo: an executive lands on the portfolio (phone and desktop) and
// drills into the finished pilot's verdict and its evidence; HR records a decision that departs
// from the suggestion (the rationale is then required) and turns the next wave into a draft.
import { expect, test } from "@playwright/test";
import { demoPort } from "../playwright.config";
import { collectBrowserErrors, signInAs } from "./pages/app";

test.use({ baseURL: `http://127.0.0.1:${demoPort}`, extraHTTPHeaders: { origin: `http://127.0.0.1:${demoPort}` } });

const PASSWORD = "async pilot demo 2026";
const EXEC = { email: "exec@example.org", name: "Elena Eklund", password: PASSWORD };
const HR = { email: "admin@example.org", name: "Hana Hoffmann", password: PASSWORD };
const FINISHED = "Written-first decisions";

test("an executive opens the portfolio and drills into a verdict's evidence", async ({ page }) => {
  const errors = collectBrowserErrors(page);
  await signInAs(page, EXEC, "/");
  // The executive's home is the portfolio.
  await expect(page.getByRole("heading", { level: 1, name: "Is it ready to roll out further?" })).toBeVisible();
  await expect(page.getByTestId("portfolio-answer")).toContainText("still running");
  const table = page.getByTestId("portfolio-table");
  const finished = table.getByRole("row").filter({ has: page.getByRole("link", { name: FINISHED, exact: true }) });
  await expect(finished.getByTestId("portfolio-verdict")).toContainText("Extend");
  await expect(table.getByRole("row", { name: /In progress: day \d+ of \d+ of the baseline/ })).toHaveCount(1);
  await expect(page.getByTestId("forest-plot")).toBeVisible();
  await expect(page.getByTestId("organisation-picture")).toContainText("Teams piloted");

  await finished.getByRole("link", { name: FINISHED, exact: true }).click();
  await expect(page).toHaveURL(/\/pilots\/\d+\/readiness$/);
  await expect(page.getByTestId("readiness-verdict")).toContainText("Extend");
  const components = page.getByTestId("readiness-components");
  await expect(components.getByRole("listitem")).toHaveCount(6);
  const primary = page.getByTestId("component-primary_metric");
  await expect(primary).toContainText("Meeting load fell by");
  await expect(page.getByTestId("readiness-missing")).toContainText("Too few teams to ever reach significance");
  // An executive changes nothing.
  await expect(page.getByTestId("decision-form")).toHaveCount(0);
  await expect(page.getByTestId("thresholds-form")).toHaveCount(0);

  await primary.getByRole("link", { name: "Evidence" }).click();
  await expect(page).toHaveURL(/\/pilots\/\d+\/report#metric-meeting_load$/);
  await expect(page.getByTestId("metric-meeting_load")).toBeVisible();
  expect(errors).toEqual([]);
});

test("HR records a decision that departs from the suggestion and drafts the next wave", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "one decision per demo: recorded once, on a desktop");
  const errors = collectBrowserErrors(page);
  await signInAs(page, HR, "/readiness");
  await page.getByTestId("portfolio-table").getByRole("link", { name: FINISHED, exact: true }).click();
  await expect(page.getByTestId("readiness-verdict")).toHaveText("Suggested verdict: Extend");

  const form = page.getByRole("form", { name: "Record the decision" });
  await expect(form.getByLabel("Decision")).toHaveValue("extend");
  await form.getByLabel("Decision").selectOption("expand");
  await form.getByRole("button", { name: "Record the decision" }).click();
  await expect(form.getByTestId("form-error")).toContainText("say why you decide \"expand\" instead");

  await form.getByLabel("Rationale").fill("Leadership accepts the observed gain; the next wave adds comparison teams.");
  await form.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByTestId("readiness-decision")).toContainText("Decided: expand.");
  await expect(page.getByTestId("readiness-decision")).toContainText("The evidence suggested “Extend”");
  await expect(page.getByTestId("decision-history")).toContainText("(suggested: Extend)");

  const wave = page.getByTestId("next-wave");
  await expect(wave.getByTestId("next-wave-size")).toContainText("Suggested size:");
  const rows = wave.getByTestId("next-wave-teams").locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(1);
  // Make sure at least one pilot and one comparison team are chosen, whatever was suggested.
  await rows.nth(0).getByRole("combobox").selectOption("pilot");
  await rows.nth(1).getByRole("combobox").selectOption("comparison");
  await wave.getByRole("button", { name: "Create a draft pilot" }).click();
  await expect(page.getByTestId("next-wave-created")).toBeVisible();
  await page.getByRole("link", { name: "Open the draft" }).click();
  await expect(page).toHaveURL(/\/admin\/pilots\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${FINISHED} — next wave`);
  // The one refusal (no rationale) is an answer of the page, not a fault.
  expect(errors.filter((error) => !error.includes("422 (Unprocessable Entity)"))).toEqual([]);
});
