import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN } from "./accounts";
import { signInAs, apiContext } from "./pages/app";
import { PulsePage } from "./pages/pulse";

/** `days` from today as YYYY-MM-DD (UTC). */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** HR sets up, over the API: a member with a password, a pilot whose baseline started two days
 * ago with the member's team, and the member's consent. Returns the pilot's id. */
async function pilotWithMember(request: APIRequestContext, newContext: () => Promise<APIRequestContext>, suffix: string, member: { email: string; password: string }) {
  const signIn = await request.post("/api/v1/session", { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(signIn.status()).toBe(200);
  const csv = [
    "email,name,team,department,manager_email,role,timezone,working_pattern",
    `${member.email},Pia Pulse,Herons ${suffix},Research ${suffix},,,Europe/Berlin,`,
  ].join("\n");
  const imported = await request.post("/api/v1/roster/import", { data: csv, headers: { "content-type": "text/csv" } });
  expect(imported.status(), await imported.text()).toBe(200);
  const people = await (await request.get(`/api/v1/people?q=${encodeURIComponent(member.email)}`)).json();
  const link = await request.post(`/api/v1/people/${people.people[0].id}/password-link`);
  const token = new URL((await link.json()).url).searchParams.get("token") ?? "";
  const memberApi = await newContext();
  expect((await memberApi.post("/fn/set_password_from_link", { form: { token, password: member.password } })).status()).toBe(200);

  const teams = await (await request.get(`/api/v1/teams?q=${encodeURIComponent(`Herons ${suffix}`)}`)).json();
  const pilot = await request.post("/api/v1/pilots", {
    data: {
      name: `Written stand-ups ${suffix}`,
      hypothesis: "Written stand-ups give the Herons their mornings back",
      primary_metric: "deep_work_protection_rate",
      guardrail_metrics: ["satisfaction_and_burnout"],
      baseline_start: day(-2),
      baseline_days: 30,
      intervention_days: 28,
      follow_up_days: 30,
      privacy_k: 5,
    },
  });
  expect(pilot.status(), await pilot.text()).toBe(201);
  const pilotId = (await pilot.json()).id;
  const team = await request.post(`/api/v1/pilots/${pilotId}/teams`, {
    data: { team_id: teams.teams[0].id, arm: "pilot", volunteered: true },
  });
  expect(team.status(), await team.text()).toBe(201);
  const joinToken = new URL((await team.json()).url).pathname.split("/").pop();
  expect((await memberApi.post(`/api/v1/join/${joinToken}`)).status()).toBeLessThan(300);
  await memberApi.dispose();
  const stage = await request.post(`/api/v1/pilots/${pilotId}/stage`, { data: { stage: "baseline" } });
  expect(stage.status(), await stage.text()).toBe(204);
  return pilotId;
}

test("HR opens a pulse and a member answers it on a phone", async ({ page, browser, request, playwright, baseURL }, testInfo) => {
  const suffix = testInfo.project.name;
  const member = { email: `pia.${suffix}@example.org`, name: "Pia Pulse", password: "windy harbour bell 31" };
  const pilotId = await pilotWithMember(request, () => apiContext(playwright, baseURL), suffix, member);

  await signInAs(page, ADMIN, `/admin/pilots/${pilotId}`);
  const open = page.getByRole("form", { name: "Open a pulse survey" });
  await open.getByLabel("Phase").selectOption("baseline");
  await open.getByLabel("Opens on").fill(day(-1));
  await open.getByLabel("Closes on").fill(day(12));
  await open.getByRole("button", { name: "Open the pulse" }).click();
  await expect(page.getByTestId("pulses").getByTestId("pulse-baseline")).toContainText("Open");
  // One member in the team: under the privacy threshold, no counts.
  await expect(page.getByTestId("participation-baseline")).toContainText("fewer than 5 people");

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const pia = await phone.newPage();
  await signInAs(pia, member, "/");
  await pia.getByRole("link", { name: "Answer the pulse survey" }).click();
  const pulse = new PulsePage(pia);
  await pulse.waitForHydration();
  await pulse.answer({ quality: 4, statements: [5, 4, 4, 3, 2, 4], satisfaction: 8, burnout: "No" });
  await expect(pulse.saved()).toBeVisible();

  // Back later: the answer is there to change until the pulse closes.
  await pia.reload();
  await expect(pia.getByTestId("answered-on")).toBeVisible();
  await expect(pulse.option("answers[quality]", "4")).toBeChecked();
  await expect(pulse.option("answers[satisfaction]", "8")).toBeChecked();
  await pulse.waitForHydration();
  await pulse.choose("answers[quality]", "5");
  await pia.getByRole("button", { name: "Save my changes" }).click();
  await expect(pulse.saved()).toBeVisible();
  await phone.close();

  // HR closes it early: the member can no longer answer.
  await page.reload();
  await page.getByTestId("pulses").getByText("Close now…").click();
  await page.getByRole("button", { name: "Close the pulse" }).click();
  await expect(page.getByTestId("pulses").getByTestId("pulse-status")).toHaveText("Closed");
});
