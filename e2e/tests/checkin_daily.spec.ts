// A member checks in on a phone: before the page is interactive (JavaScript off, a plain form
// post) and again with it on. Each journey stays well under 30 seconds.
import { expect, test } from "@playwright/test";
import { apiContext } from "./pages/app";
import { CheckinPage, enrolledMember } from "./pages/checkin";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a member checks in with a plain form post", async ({ page, playwright, baseURL }, testInfo) => {
    const started = Date.now();
    const admin = await apiContext(playwright, baseURL);
    const setup = await apiContext(playwright, baseURL);
    const member = await enrolledMember(admin, setup, `nojs-${testInfo.project.name}`);
    const signIn = await page.request.post("/api/v1/session", { data: { email: member.email, password: member.password } });
    expect(signIn.status()).toBe(200);

    const checkin = new CheckinPage(page);
    await checkin.open();
    // A refused value comes back on the page, named.
    await checkin.form().getByLabel("Meetings today").fill("1");
    await checkin.form().getByLabel("Meetings that could have been async").fill("2");
    await checkin.checkIn("4", "3", "within_the_hour");
    await expect(page.getByTestId("form-error")).toContainText("cannot be more than the meetings");
    await checkin.checkIn("4", "3", "within_the_hour");
    await expect(page.getByTestId("done-today")).toBeVisible();
    await expect(checkin.recentDays()).toContainText("Energy");
    await expect(checkin.recentDays()).toContainText("Within the hour");
    // Cleo's team is one person: under k (3), so no count at all.
    await expect(checkin.teamWeek()).toContainText("fewer than 3 people");
    expect(Date.now() - started).toBeLessThan(30_000);
    await admin.dispose();
    await setup.dispose();
  });
});

test("a member checks in, sees their own days and deletes an entry", async ({ page, playwright, baseURL }, testInfo) => {
  const started = Date.now();
  const admin = await apiContext(playwright, baseURL);
  const setup = await apiContext(playwright, baseURL);
  const member = await enrolledMember(admin, setup, `js-${testInfo.project.name}`);
  const signIn = await page.request.post("/api/v1/session", { data: { email: member.email, password: member.password } });
  expect(signIn.status()).toBe(200);

  await page.goto("/");
  await expect(page.getByTestId("my-pilot")).toContainText(`Check-in days js-${testInfo.project.name}`);
  await page.getByRole("link", { name: "Check in for today" }).click();
  const checkin = new CheckinPage(page);
  await page.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  await checkin.checkIn("2", "5", "minutes");
  await expect(page.getByTestId("checkin-saved")).toBeVisible();
  await expect(checkin.recentDays()).toContainText("Within minutes");
  await expect(checkin.teamWeek()).toBeVisible();

  // Own data: the entry list, one deletion with a confirmation.
  await page.getByRole("link", { name: "All your entries" }).click();
  const entries = page.getByTestId("my-entries");
  await expect(entries.getByRole("row")).toHaveCount(4);
  const focus = entries.getByRole("row").filter({ hasText: "Focus hours planned" });
  await focus.getByText("Delete…").click();
  await focus.getByRole("button", { name: "Delete this entry" }).click();
  await expect(entries.getByRole("row")).toHaveCount(3);
  const csv = await page.request.get("/api/v1/me/entries.csv");
  expect(await csv.text()).toMatch(/^date,measure,qualifier,value,source\n/);
  expect(Date.now() - started).toBeLessThan(30_000);
  await admin.dispose();
  await setup.dispose();
});
