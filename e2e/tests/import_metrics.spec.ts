import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN } from "./accounts";
import { signInAs, apiContext } from "./pages/app";

/** Fails with the answer's text when a setup call does not succeed. */
async function ok(response: Awaited<ReturnType<APIRequestContext["post"]>>) {
  expect(response.ok(), `${response.url()}: ${await response.text()}`).toBeTruthy();
  return response.status() === 204 ? null : response.json();
}

test("HR imports a metric CSV with a bad line, sees it named, fixes it and imports", async ({ page, playwright, baseURL }, testInfo) => {
  const tag = `${testInfo.project.name}-${Date.now()}`;
  const team = `Herons ${tag}`;
  const member = `mia.${tag}@imports.example.org`;
  const other = `lou.${tag}@imports.example.org`;
  const today = new Date().toISOString().slice(0, 10);

  // Setup over the API: a team of two, a pilot it joins, and one member who consents.
  await signInAs(page, ADMIN, "/admin/pilots");
  const api = page.request;
  await ok(
    await api.post("/api/v1/roster/import", {
      headers: { "content-type": "text/csv" },
      data: `email,name,team,department\n${member},Mia Member,${team},Research ${tag}\n${other},Lou Other,${team},Research ${tag}\n`,
    }),
  );
  const pilot = await ok(
    await api.post("/api/v1/pilots", {
      data: {
        name: `Written standups ${tag}`,
        hypothesis: "Written standups protect the mornings",
        primary_metric: "meeting_load",
        guardrail_metrics: [],
        baseline_start: today,
        baseline_days: 14,
        intervention_days: 14,
        follow_up_days: 14,
        privacy_k: 5,
      },
    }),
  );
  const teams = await ok(await api.get("/api/v1/teams"));
  const teamId = teams.teams.find((row: { name: string }) => row.name === team).id;
  const link = await ok(
    await api.post(`/api/v1/pilots/${pilot.id}/teams`, { data: { team_id: teamId, arm: "pilot", volunteered: true } }),
  );
  const people = await ok(await api.get(`/api/v1/people?q=${encodeURIComponent(member)}`));
  const issued = await ok(await api.post(`/api/v1/people/${people.people[0].id}/password-link`));
  const mia = await apiContext(playwright, baseURL);
  await ok(
    await mia.post("/fn/set_password_from_link", {
      form: { token: new URL(issued.url).searchParams.get("token") ?? "", password: "violet harbour tune 31" },
    }),
  );
  await ok(await mia.post(`/api/v1/join/${new URL(link.url).pathname.split("/").pop()}`));
  await mia.dispose();

  // The journey: from the pilot's page to its import.
  await page.goto(`/admin/pilots/${pilot.id}`);
  await page.getByTestId("pilot-import-link").click();
  await expect(page).toHaveURL(new RegExp(`/admin/pilots/${pilot.id}/import$`));
  await page.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  const header = "email,date,measure,value,qualifier";
  const good = [`${member},${today},energy,4,morning`, `${member},${today},meeting_hours,1.5,`, `${other},${today},energy,3,morning`];
  const csv = page.getByLabel("CSV", { exact: true });
  await csv.fill([header, ...good, `${member},${today},satisfaction,11,`].join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-errors")).toContainText("Line 5: satisfaction: must be a whole number from 0 to 10");
  await expect(page.getByRole("button", { name: "Import" })).toHaveCount(0);

  await csv.fill([header, ...good, `${member},${today},satisfaction,8,`].join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("count-to-store")).toContainText("3 (3 new");
  await expect(page.getByTestId("count-no-consent")).toHaveText("1");
  await expect(page.getByTestId("count-bad")).toHaveText("0");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-done")).toContainText("3 new, 0 changed, 0 unchanged values", { timeout: 30_000 });

  // The same file again changes nothing.
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("count-unchanged")).toHaveText("3");
  await expect(page.getByRole("button", { name: "Import" })).toHaveCount(0);
});
