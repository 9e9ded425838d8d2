// The daily check-in page, and a running pilot with one enrolled member to check in with.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { ADMIN } from "../accounts";

export interface Member {
  email: string;
  password: string;
}

async function ok(response: Awaited<ReturnType<APIRequestContext["post"]>>, status = 200): Promise<any> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  return text ? JSON.parse(text) : null;
}

/**
 * Through the JSON API, as HR: a team, a member in it with a password, a pilot with that team in
 * its baseline (k = 3), and the member's consent.
 */
export async function enrolledMember(
  admin: APIRequestContext,
  memberContext: APIRequestContext,
  suffix: string,
): Promise<Member> {
  const member = { email: `cleo.${suffix}@example.org`, password: "violet harbour swim 31" };
  await ok(await admin.post("/api/v1/session", { data: { email: ADMIN.email, password: ADMIN.password } }));
  await ok(await admin.post("/api/v1/departments", { data: { name: `Ops ${suffix}` } }), 201);
  const team = await ok(
    await admin.post("/api/v1/teams", {
      data: { name: `Herons ${suffix}`, department: `Ops ${suffix}`, manager_email: "", time_zone: "Europe/Berlin" },
    }),
    201,
  );
  const invited = await ok(
    await admin.post("/api/v1/people", { data: { email: member.email, name: "Cleo Check", role: "participant" } }),
    201,
  );
  const person = await admin.put(`/api/v1/people/${invited.person_id}`, {
    data: { name: "Cleo Check", team: `Herons ${suffix}`, manager_email: "", time_zone: "Europe/Berlin", working_pattern: "" },
  });
  expect(person.status(), await person.text()).toBe(204);
  const pilot = await ok(
    await admin.post("/api/v1/pilots", {
      data: {
        name: `Check-in days ${suffix}`,
        hypothesis: "Fewer meetings leave more focus time",
        primary_metric: "deep_work_protection_rate",
        guardrail_metrics: ["satisfaction_and_burnout"],
        baseline_start: new Date().toISOString().slice(0, 10),
        baseline_days: 14,
        intervention_days: 14,
        follow_up_days: 14,
        privacy_k: 3,
      },
    }),
    201,
  );
  const link = await ok(
    await admin.post(`/api/v1/pilots/${pilot.id}/teams`, { data: { team_id: team.id, arm: "pilot", volunteered: true } }),
    201,
  );
  const token = new URL(invited.url).searchParams.get("token") ?? "";
  await ok(await memberContext.post("/fn/set_password_from_link", { form: { token, password: member.password } }));
  const join = await memberContext.post(`/api/v1/join/${link.url.split("/join/")[1]}`);
  expect(join.status(), await join.text()).toBe(204);
  await ok(await admin.post(`/api/v1/pilots/${pilot.id}/stage`, { data: { stage: "baseline" } }), 204);
  return member;
}

export class CheckinPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/checkin");
  }

  form(): Locator {
    return this.page.getByRole("form", { name: "Check in" });
  }

  async checkIn(energy: string, focusPlanned: string, chat: string): Promise<void> {
    const form = this.form();
    await form.getByRole("radio", { name: energy, exact: true }).check();
    await form.getByLabel("Focus hours planned").fill(focusPlanned);
    await form.getByLabel("Felt you had to answer chat").selectOption(chat);
    await form.getByRole("button", { name: "Save check-in" }).click();
  }

  recentDays(): Locator {
    return this.page.getByTestId("recent-days");
  }

  teamWeek(): Locator {
    return this.page.getByTestId("team-week");
  }
}
