import { expect, test } from "@playwright/test";
import { ADMIN } from "./accounts";
import { signInAs } from "./pages/app";

test("HR chooses a large roster file, previews it and imports it in the background", async ({ page }, testInfo) => {
  const tag = testInfo.project.name;
  const header = "email,name,team,department,manager_email,role,timezone,working_pattern";
  const lines = [header, `lead-${tag}@bulk.example.org,Lead ${tag},Bulk ${tag},Bulk Org ${tag},,,Europe/Berlin,full_time`];
  for (let index = 0; index < 2999; index += 1) {
    lines.push(`p${index}-${tag}@bulk.example.org,Person ${index},Bulk ${tag},Bulk Org ${tag},lead-${tag}@bulk.example.org,,Europe/Berlin,`);
  }
  await signInAs(page, ADMIN, "/admin/roster");
  await page.getByLabel("Roster file").setInputFiles({
    name: "hris-export.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(lines.join("\n") + "\n"),
  });
  await expect(page.getByTestId("file-note")).toHaveText("hris-export.csv: 3001 lines. Preview it next.");

  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("roster-summary")).toHaveText("3000 new, 0 changed, 0 unchanged, 1 new teams, 1 new departments");
  // Only the first rows are listed; the heading counts all of them.
  await expect(page.getByRole("heading", { name: "New people (3000)" })).toBeVisible();
  await expect(page.getByText("… and 2800 more")).toBeVisible();

  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Imported: 3000 new, 0 changed, 0 unchanged, 1 new teams, 1 new departments", { timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Import" })).toHaveCount(0);

  // Asking to deactivate everyone missing from this file would deactivate HR herself: refused.
  await page.getByLabel("Deactivate people who are not in the file").check();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("roster-errors")).toContainText(`your own account (${ADMIN.email}) is not in the file`);
  await expect(page.getByRole("button", { name: "Import" })).toHaveCount(0);

  await page.goto("/admin/departments");
  await expect(page.getByTestId(`department-Bulk Org ${tag}`)).toContainText("3000");
});
