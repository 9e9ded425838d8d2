import { expect, test } from "@playwright/test";
import { ADMIN } from "./accounts";
import { signInAs } from "./pages/app";

test("the status page reports the database the instance runs on, to admins", async ({ page }) => {
  await signInAs(page, ADMIN, "/status");
  await expect(page.getByTestId("database-backend")).toHaveText("SQLite");
  await expect(page.getByTestId("instance-status")).toContainText("Schema migrations applied");
});

test("an unknown address answers 404 with a helpful page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Page not found");
  await page.getByRole("link", { name: "Back to the overview" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("async-first");
});
