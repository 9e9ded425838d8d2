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

test("an admin creates, renames and deactivates a department", async ({ page }, testInfo) => {
  const name = `Legal ${testInfo.project.name}`;
  await signInAs(page, ADMIN, "/admin/departments");
  const form = page.getByRole("form", { name: "New department" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create department" }).click();
  const row = page.getByTestId(`department-${name}`);
  await expect(row).toBeVisible();

  const renamed = `${name} & Compliance`;
  await row.getByText("Rename…").click();
  const rename = row.getByRole("form", { name: `Rename ${name}` });
  await rename.getByLabel("Name").fill(renamed);
  await rename.getByRole("button", { name: "Save" }).click();
  const renamedRow = page.getByTestId(`department-${renamed}`);
  await expect(renamedRow).toBeVisible();

  await renamedRow.getByText("Deactivate…").click();
  await expect(renamedRow).toContainText("nothing is deleted");
  await renamedRow.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByTestId(`department-${renamed}`)).toContainText("(inactive)");

  // A department with active teams stays, and the page says why.
  const busyName = `Operations ${testInfo.project.name}`;
  await page.goto("/admin/teams");
  const team = page.getByRole("form", { name: "New team" });
  await team.getByLabel("Name").fill(`Facilities ${testInfo.project.name}`);
  await team.getByLabel("Department").fill(busyName);
  await team.getByRole("button", { name: "Save team" }).click();
  await expect(page.getByTestId(`team-Facilities ${testInfo.project.name}`)).toBeVisible();
  await page.getByRole("link", { name: "Departments" }).click();
  const busy = page.getByTestId(`department-${busyName}`);
  await expect(busy).toContainText("1");
  await busy.getByText("Deactivate…").click();
  await busy.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("alert")).toContainText("active teams");
});
