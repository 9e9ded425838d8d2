// A team keeps its records: the manager writes the charter down (and changes it, keeping the old
// version), a member logs a decision and later marks it decided — on a phone too.
import { expect, test, type APIRequestContext, type Playwright } from "@playwright/test";
import { ADMIN } from "./accounts";
import { signInAs, TeamRecordsPage, apiContext } from "./pages/app";

interface Person {
  email: string;
  name: string;
  password: string;
}

/** A team of two with passwords set: the manager and a member reporting to them. */
async function teamOfTwo(
  request: APIRequestContext,
  playwright: Playwright,
  baseURL: string | undefined,
  suffix: string,
): Promise<{ team: string; manager: Person; member: Person }> {
  const team = `Kestrels ${suffix}`;
  const manager = { email: `kai.${suffix}@example.org`, name: "Kai Keeper", password: "amber fern rocket 31" };
  const member = { email: `mo.${suffix}@example.org`, name: "Mo Member", password: "velvet owl canyon 12" };
  const signIn = await request.post("/api/v1/session", { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(signIn.status()).toBe(200);
  const roster = [
    "email,name,team,department,manager_email,role,timezone,working_pattern",
    `${manager.email},${manager.name},${team},Birds ${suffix},,participant,Europe/Berlin,`,
    `${member.email},${member.name},${team},Birds ${suffix},${manager.email},participant,Europe/Berlin,`,
  ].join("\n");
  const imported = await request.post("/api/v1/roster/import", { data: roster, headers: { "content-type": "text/csv" } });
  expect(imported.status(), await imported.text()).toBe(200);
  for (const person of [manager, member]) {
    const found = await request.get(`/api/v1/people?q=${encodeURIComponent(person.email)}`);
    const id = (await found.json()).people[0].id;
    const link = await request.post(`/api/v1/people/${id}/password-link`);
    expect(link.status(), await link.text()).toBe(200);
    const token = new URL((await link.json()).url).searchParams.get("token") ?? "";
    const own = await apiContext(playwright, baseURL);
    const set = await own.post("/fn/set_password_from_link", { form: { token, password: person.password } });
    expect(set.status(), await set.text()).toBe(200);
    await own.dispose();
  }
  return { team, manager, member };
}

/** `YYYY-MM-DDTHH:MM` for `days` days ago at `hour`:00, as a datetime-local input takes it. */
function daysAgo(days: number, hour: number): string {
  const day = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, "0")}:00`;
}

test("a manager writes the team's charter down and changes it", async ({ page, request, playwright, baseURL }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "managers edit charters at a desk; members are covered on the phone");
  const { team, manager } = await teamOfTwo(request, playwright, baseURL, testInfo.project.name);
  await signInAs(page, manager, "/team");
  const records = new TeamRecordsPage(page);
  await records.open();
  await expect(page.getByTestId("team-name")).toHaveText(team);
  await expect(page.getByTestId("no-charter")).toBeVisible();

  const today = new Date().toISOString().slice(0, 10);
  await records.editCharter(
    [
      ["chat", "quick questions", "2"],
      ["email", "decisions and updates", "24"],
    ],
    "2026-01-01",
    true,
  );
  await expect(records.charterVersion(1)).toContainText("in force");
  await expect(records.charterVersion(1)).toContainText("baseline charter");
  await expect(records.charterVersion(1)).toContainText("quick questions");

  await records.editCharter([["chat", "quick questions, no reply expected before noon", "4"]], today, false);
  await expect(records.charterVersion(2)).toContainText("in force");
  await expect(records.charterVersion(2)).toContainText("4 h");
  await page.getByText("Other versions (1)").click();
  await expect(records.charterVersion(1)).toContainText("2 h");
});

test("a member logs a decision and marks it decided", async ({ page, request, playwright, baseURL }, testInfo) => {
  const { team, member } = await teamOfTwo(request, playwright, baseURL, `${testInfo.project.name}-log`);
  await signInAs(page, member, "/team");
  const records = new TeamRecordsPage(page);
  await records.open();
  await expect(page.getByTestId("team-name")).toHaveText(team);
  await expect(page.getByRole("button", { name: "Save as a new version" })).toHaveCount(0);

  await records.logDecision("Weekly written update instead of the Monday meeting", "Operations", daysAgo(2, 9), "https://wiki.example.org/adr/3");
  const decision = records.decision("Weekly written update");
  await expect(decision).toContainText("Operations");
  await expect(decision.getByTestId("decision-status")).toHaveText("Open");

  await decision.getByText("Mark decided…").click();
  const mark = decision.getByRole("form", { name: /Mark .* decided/ });
  await mark.getByLabel("Decided at").fill(daysAgo(1, 9));
  await mark.getByRole("button", { name: "Mark decided" }).click();
  await expect(records.decision("Weekly written update").getByTestId("decision-status")).toContainText("(24.0 h)");
  await expect(page.getByTestId("decision-summary")).toContainText("24.0 h");
});
