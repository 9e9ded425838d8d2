import { expect, test } from "@playwright/test";
import { ADMIN } from "./accounts";
import { signInAs } from "./pages/app";

test("HR imports a roster, fixes a bad line, starts a pilot and a member consents", async ({ page, browser }, testInfo) => {
  const suffix = testInfo.project.name;
  const member = `rosa.${suffix}@example.org`;
  const header = "Work Email,Full Name,Team,Department,Manager Email,Role,Time Zone,Working Pattern";
  const good = [
    `lead.${suffix}@example.org,Lina Lead,Falcons ${suffix},Engineering ${suffix},,participant,Europe/Berlin,full_time`,
    `${member},Rosa Member,Falcons ${suffix},Engineering ${suffix},lead.${suffix}@example.org,,Europe/Berlin,part_time`,
    `otto.${suffix}@example.org,Otto Other,Owls ${suffix},Engineering ${suffix},lead.${suffix}@example.org,,Europe/London,`,
  ];
  const bad = `pat.${suffix}@example.org,Pat Typo,Owls ${suffix},Engineering ${suffix},,,Europe/Berlinn,`;

  await signInAs(page, ADMIN, "/admin/roster");
  const roster = page.getByLabel("Roster CSV");
  await roster.fill([header, ...good, bad].join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("roster-errors")).toContainText("Line 5: 'Europe/Berlinn' is not a known time zone");
  await expect(page.getByRole("button", { name: "Import" })).toHaveCount(0);

  await roster.fill([header, ...good, bad.replace("Berlinn", "Berlin")].join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("roster-summary")).toHaveText("4 new, 0 changed, 0 unchanged, 2 new teams, 1 new departments");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-done")).toContainText("4 new");

  // A pilot with the Falcons as volunteers and the Owls for comparison.
  await page.goto("/admin/pilots");
  const form = page.getByRole("form", { name: "Start a pilot" });
  await form.getByLabel("Name", { exact: true }).fill(`Quiet mornings ${suffix}`);
  await form.getByLabel("Hypothesis").fill("No meetings before noon gives the Falcons more focus time");
  await form.getByLabel("First day of the baseline").fill(new Date().toISOString().slice(0, 10));
  await form.getByRole("button", { name: "Create pilot" }).click();
  await expect(page.getByTestId("pilot-name")).toHaveText(`Quiet mornings ${suffix}`);

  const addTeam = page.getByRole("form", { name: "Add a team" });
  await addTeam.getByRole("combobox", { name: "Team", exact: true }).selectOption({ label: `Owls ${suffix}` });
  await addTeam.getByLabel("Role in the pilot").selectOption("comparison");
  await addTeam.getByRole("button", { name: "Add team" }).click();
  await expect(page.getByTestId(`pilot-team-Owls ${suffix}`)).toContainText("fewer than");

  await addTeam.getByRole("combobox", { name: "Team", exact: true }).selectOption({ label: `Falcons ${suffix}` });
  await addTeam.getByLabel("Role in the pilot").selectOption("pilot");
  await addTeam.getByRole("button", { name: "Add team" }).click();
  await expect(page.getByTestId("form-error")).toContainText("must have volunteered");
  await addTeam.getByLabel("The team volunteered").check();
  await addTeam.getByRole("button", { name: "Add team" }).click();
  await expect(page.getByTestId(`pilot-team-Falcons ${suffix}`)).toContainText("(volunteered)");
  const enrollment = await page.getByTestId("enrollment-link").inputValue();

  await page.getByRole("button", { name: "Move to Baseline" }).click();
  await expect(page.getByTestId("pilot-stage")).toHaveText("Baseline");

  // The protocol is locked now: a change needs a reason, and goes to the audit log.
  await page.getByText("Edit the protocol").click();
  const edit = page.getByRole("form", { name: "Edit the protocol" });
  await edit.getByLabel("Privacy threshold k (at least 3)").fill("6");
  await edit.getByLabel("Reason for the change (required)").fill("the works council asked for k = 6");
  await edit.getByRole("button", { name: "Save the protocol" }).click();
  await expect(page.getByTestId("pilot-facts")).toContainText("groups under 6 people");

  // Rosa came from the roster without a password. She opens her team's link and asks for a link
  // to set one; this server sends no mail, so she is told to ask HR, who issues her one (a link
  // she asked for herself never waits where admins could read it).
  const rosa = await (await browser.newContext()).newPage();
  await rosa.goto(enrollment);
  await rosa.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  await rosa.getByTestId("sign-in-required").getByRole("link", { name: "Sign in" }).click();
  await rosa.getByText("No password yet, or forgotten it?").click();
  const ask = rosa.getByRole("form", { name: "Get a link to set a password" });
  await ask.getByLabel("Your work email").fill(member);
  await ask.getByRole("button", { name: "Send me a link" }).click();
  await expect(rosa.getByTestId("link-requested")).toContainText("ask your HR admin");

  await page.goto(`/admin/people?q=${encodeURIComponent(member)}`);
  await page.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  await page.getByTestId(`person-${member}`).getByRole("button", { name: "New link" }).click();
  const link = await page.getByTestId("issued-link").inputValue();
  expect(link).toContain("/set-password?token=");

  await rosa.goto(link);
  await rosa.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  await rosa.getByLabel("New password").fill("sunny attic ladder 42");
  await rosa.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(rosa).toHaveURL(/\/account/);

  await rosa.goto(enrollment);
  await expect(rosa.getByTestId("consent-terms")).toContainText("Who sees what");
  await expect(rosa.getByTestId("privacy-k")).toHaveText("6");
  await rosa.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  await rosa.getByRole("button", { name: "I agree and join" }).click();
  await expect(rosa.getByTestId("enrolled")).toBeVisible();
  await rosa.goto("/account");
  await expect(rosa.getByTestId("my-pilots")).toContainText(`Quiet mornings ${suffix}`);

  // HR sees neither the person nor, for a team under the privacy threshold, the count.
  await page.goto("/admin/pilots");
  await page.getByRole("link", { name: `Quiet mornings ${suffix}` }).click();
  await expect(page.getByTestId(`pilot-team-Falcons ${suffix}`)).toContainText("fewer than");
  await expect(page.getByTestId("pilot-teams")).not.toContainText("Rosa");
});
