// A member imports their calendar on /meetings (phone and desktop), sees the week's meeting
// hours and focus time, and audits two series in one tap each.
import { expect, test } from "@playwright/test";
import { apiContext } from "./pages/app";
import { enrolledMember } from "./pages/checkin";

/** YYYYMMDD of a date moved by `days`. */
function day(from: Date, days: number): string {
  const moved = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days));
  return moved.toISOString().slice(0, 10).replaceAll("-", "");
}

/** An Outlook-style calendar: a weekly planning on the last two Mondays and a standup every
 * weekday of last week, in Berlin time. */
function calendar(email: string): string {
  const today = new Date();
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  const lastMonday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - sinceMonday - 7));
  const zone = `TZID="W. Europe Standard Time"`;
  return [
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "BEGIN:VEVENT",
    "UID:planning-e2e",
    "SUMMARY:Weekly planning",
    `DTSTART;${zone}:${day(lastMonday, -7)}T100000`,
    `DTEND;${zone}:${day(lastMonday, -7)}T110000`,
    "RRULE:FREQ=WEEKLY;COUNT=2",
    "ORGANIZER;CN=Lead:mailto:lead@example.org",
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${email}`,
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:standup-e2e",
    "SUMMARY:Daily standup",
    `DTSTART;${zone}:${day(lastMonday, 0)}T093000`,
    `DTEND;${zone}:${day(lastMonday, 0)}T094500`,
    "RRULE:FREQ=DAILY;COUNT=5",
    "ORGANIZER;CN=Lead:mailto:lead@example.org",
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${email}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

test("a member imports a calendar, sees the week and audits two series", async ({ page, playwright, baseURL }, testInfo) => {
  const started = Date.now();
  const admin = await apiContext(playwright, baseURL);
  const setup = await apiContext(playwright, baseURL);
  const member = await enrolledMember(admin, setup, `cal-${testInfo.project.name}`);
  const signIn = await page.request.post("/api/v1/session", { data: { email: member.email, password: member.password } });
  expect(signIn.status()).toBe(200);

  await page.goto("/meetings");
  await page.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  await expect(page.getByTestId("no-meetings")).toBeVisible();
  await page.getByTestId("calendar-file").setInputFiles({
    name: "outlook.ics",
    mimeType: "text/calendar",
    buffer: Buffer.from(calendar(member.email)),
  });
  await expect(page.getByTestId("calendar-file-note")).toContainText("ready to import");
  await page.getByRole("button", { name: "Import calendar" }).click();
  await expect(page.getByTestId("calendar-imported")).toContainText("7 meetings");

  // Last week: planning 1 h on Monday, five 15-minute standups; focus is every free block of
  // two hours or more between 9 and 17: 6 h on Monday, 7.25 h on the other four days.
  await expect(page.getByTestId("week-meeting-hours")).toHaveText("2.25");
  await expect(page.getByTestId("week-meetings")).toHaveText("6");
  await expect(page.getByTestId("week-focus-hours")).toHaveText("35");

  const standup = page.getByTestId("series-item").filter({ hasText: "Daily standup" });
  const planning = page.getByTestId("series-item").filter({ hasText: "Weekly planning" });
  await expect(standup).toContainText("Recurring · 5 in 4 weeks");
  await standup.getByRole("button", { name: "Yes" }).click();
  await expect(standup.getByRole("button", { name: "Yes" })).toHaveAttribute("aria-pressed", "true");
  await planning.getByRole("button", { name: "Partly" }).click();
  await expect(planning.getByRole("button", { name: "Partly" })).toHaveAttribute("aria-pressed", "true");
  await planning.getByRole("button", { name: "Inform" }).click();
  await expect(planning.getByRole("button", { name: "Inform" })).toHaveAttribute("aria-pressed", "true");

  // The answers are kept.
  await page.reload();
  await expect(
    page.getByTestId("series-item").filter({ hasText: "Weekly planning" }).getByRole("button", { name: "Inform" }),
  ).toHaveAttribute("aria-pressed", "true");
  expect(Date.now() - started).toBeLessThan(30_000);
  await admin.dispose();
  await setup.dispose();
});
