// The demo's finished pilot, read as its report: an executive on a phone and a desktop (and its
// printable version), HR downloading the CSV, and a participant reading their own team's
// published figures but nothing of another pilot. Runs against the demo server.
import { expect, test, type Page } from "@playwright/test";
import * as fs from "node:fs";
import { demoPort } from "../playwright.config";
import { collectBrowserErrors, signInAs, apiContext } from "./pages/app";

test.use({ baseURL: `http://127.0.0.1:${demoPort}`, extraHTTPHeaders: { origin: `http://127.0.0.1:${demoPort}` } });

const PASSWORD = "async pilot demo 2026";
const EXEC = { email: "exec@example.org", name: "Elena Eklund", password: PASSWORD };
const HR = { email: "admin@example.org", name: "Hana Hoffmann", password: PASSWORD };
const DESIGNER = { email: "designer@example.org", name: "Dana Dahl", password: PASSWORD };

/** The finished pilot's report, opened from the list of pilots. */
async function openFinishedReport(page: Page): Promise<string> {
  await page.goto("/admin/pilots");
  await page.getByRole("link", { name: "Written-first decisions", exact: true }).click();
  await page.getByTestId("pilot-report-link").click();
  await expect(page).toHaveURL(/\/pilots\/\d+\/report$/);
  return page.url();
}

test("an executive reads the finished pilot's report and its printable version", async ({ page }) => {
  const errors = collectBrowserErrors(page);
  await signInAs(page, EXEC, "/admin/pilots");
  const url = await openFinishedReport(page);
  await expect(page.getByRole("heading", { level: 1, name: "Written-first decisions" })).toBeVisible();
  await expect(page.getByTestId("report-answer")).toContainText("Meeting load fell by");
  await expect(page.getByTestId("report-answer")).toContainText("more in pilot teams than in comparison teams");
  await expect(page.getByTestId("report-design")).toContainText("3 pilot and 3 comparison teams");
  await expect(page.getByTestId("forest-plot")).toBeVisible();
  const load = page.getByTestId("metric-meeting_load");
  await expect(load.getByText("Primary metric")).toBeVisible();
  await expect(load.getByRole("row", { name: /Workplace/ })).toContainText("left out: fewer than 5 people");
  await expect(page.getByTestId("heatmap-panel")).toHaveCount(4);
  await expect(page.getByTestId("publish-report")).toHaveCount(0);

  await page.getByTestId("report-print").click();
  await expect(page).toHaveURL(`${url}/print`);
  await expect(page.getByTestId("report-answer")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("report-print")).toBeHidden();
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
  expect(errors).toEqual([]);
});

test("HR downloads the report as CSV", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "a download is a desktop task");
  await signInAs(page, HR, "/admin/pilots");
  await openFinishedReport(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^pilot-\d+-report\.csv$/);
  const text = fs.readFileSync(await download.path(), "utf8");
  const [header, ...rows] = text.trim().split("\n");
  expect(header.startsWith("metric,role,direction,observational,group,arm,team_id,team,left_out,reason,n,")).toBe(true);
  expect(rows.some((row) => row.startsWith("meeting_load,primary,lower_is_better,false,difference_in_differences,"))).toBe(true);
  expect(rows.some((row) => row.includes(",Workplace,true,fewer than 5 people,"))).toBe(true);
});

test("a participant reads their team's published figures and nothing of another pilot", async ({ page, playwright, baseURL }) => {
  // HR publishes the report (from review on); publishing twice changes nothing.
  const hr = await apiContext(playwright, baseURL);
  expect((await hr.post("/api/v1/session", { data: { email: HR.email, password: HR.password } })).status()).toBe(200);
  const pilots = await (await hr.get("/api/v1/pilots")).json();
  const finished = pilots.find((pilot: { name: string }) => pilot.name === "Written-first decisions");
  const running = pilots.find((pilot: { name: string }) => pilot.name === "Async-first Tuesdays");
  const published = await hr.put(`/api/v1/pilots/${finished.id}/report/publication`, { data: { published: true } });
  expect(published.status(), await published.text()).toBe(200);
  await hr.dispose();

  // Their account lists the pilot with its report.
  await signInAs(page, DESIGNER, "/account");
  await page.getByTestId("my-pilot-report").click();
  await expect(page).toHaveURL(new RegExp(`/pilots/${finished.id}/report$`));
  await expect(page.getByTestId("report-answer")).toContainText("Meeting load");
  await expect(page.getByTestId("report-own-teams")).toBeVisible();
  const rows = page.getByTestId("metric-meeting_load").getByRole("row");
  await expect(rows.filter({ hasText: "Design (pilot)" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Growth" })).toHaveCount(0);
  await expect(rows.filter({ hasText: "Comparison teams" })).toHaveCount(1);

  await page.goto(`/pilots/${running.id}/report`);
  await expect(page.getByTestId("report-refused")).toBeVisible();
  const api = await page.request.get(`/api/v1/pilots/${running.id}/report`);
  expect(api.status()).toBe(403);
});
