import { expect, test } from "@playwright/test";
import { ADMIN, EXECUTIVE } from "./accounts";
import { signInAs } from "./pages/app";

test("an admin creates a team and moves a person into it", async ({ page }, testInfo) => {
  const team = `Research ${testInfo.project.name}`;
  await signInAs(page, ADMIN, "/admin/teams");
  const form = page.getByRole("form", { name: "New team" });
  await form.getByLabel("Name").fill(team);
  await form.getByLabel("Department").fill("Science");
  await form.getByLabel("Time zone").fill("Europe/Paris");
  await form.getByRole("button", { name: "Save team" }).click();
  await expect(page.getByTestId(`team-${team}`)).toContainText("Science");

  await page.goto(`/admin/people?q=${encodeURIComponent(EXECUTIVE.email)}`);
  const row = page.getByTestId(`person-${EXECUTIVE.email}`);
  await row.getByText("Edit…").click();
  const edit = row.getByRole("form", { name: `Edit ${EXECUTIVE.name}` });
  await edit.getByLabel("Team").fill(team);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId(`person-${EXECUTIVE.email}`)).toContainText(team);
});
