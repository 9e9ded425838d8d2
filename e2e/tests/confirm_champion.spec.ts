// HR confirms a champion from the candidate list of the demo organisation and sees the
// finished pilot's coverage change: Discovery goes from a champion in the department to one in
// the team. Runs against the demo server.
import { expect, test } from "@playwright/test";
import { demoPort } from "../playwright.config";
import { signInAs } from "./pages/app";
import { CandidatesPage, CoveragePage } from "./pages/champions";

test.use({ baseURL: `http://127.0.0.1:${demoPort}`, extraHTTPHeaders: { origin: `http://127.0.0.1:${demoPort}` } });

const HR = { email: "admin@example.org", name: "Hana Hoffmann", password: "async pilot demo 2026" };
const PILOT = "Written-first decisions";

test("HR confirms a champion and sees coverage change", async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the demo is shared: HR confirms once, at a desk");
  expect((await request.post("/api/v1/session", { data: { email: HR.email, password: HR.password } })).status()).toBe(200);
  const list = await (await request.get("/api/v1/champions/candidates")).json();
  const candidate = list.candidates.find(
    (c: { team: string; status: string | null; opted_in: boolean }) => c.team === "Discovery" && c.status === null && c.opted_in,
  );
  expect(candidate, "an undecided opted-in candidate in Discovery").toBeTruthy();

  await signInAs(page, HR, "/coverage");
  const coverage = new CoveragePage(page);
  await coverage.open();
  const pilot = coverage.pilot(PILOT);
  await expect(pilot.getByTestId("coverage-share")).toHaveText("33 %");
  await expect(pilot.getByTestId("coverage-team-Discovery").getByTestId("team-coverage")).toHaveText("Champion in the department");

  const candidates = new CandidatesPage(page);
  await candidates.open();
  await expect(page.getByTestId("scoring-rules")).toContainText("percentile");
  await expect(candidates.candidate(candidate.email).getByTestId("candidate-score")).not.toHaveText("–");
  await candidates.confirm(candidate.email, "Runs the written stand-up already.");
  await expect(candidates.candidate(candidate.email).getByTestId("champion-badge")).toBeVisible();

  await coverage.open();
  await expect(pilot.getByTestId("coverage-share")).toHaveText("67 %");
  await expect(pilot.getByTestId("coverage-team-Discovery").getByTestId("team-coverage")).toHaveText("Champion in the team");
});
