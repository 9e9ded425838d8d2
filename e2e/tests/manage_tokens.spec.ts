import { expect, test } from "@playwright/test";
import { ADMIN } from "./accounts";
import { signInAs } from "./pages/app";

test("an admin creates an API token, sees it once, uses it, and revokes it", async ({ page, playwright, baseURL }, testInfo) => {
  const name = `Sync ${testInfo.project.name} ${testInfo.repeatEachIndex}.${testInfo.retry}`;
  await signInAs(page, ADMIN, "/admin/tokens");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Scope").selectOption("read");
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByTestId("new-token").inputValue();
  expect(secret).toMatch(/^ap_[0-9a-f]{64}$/);

  const client = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${secret}` },
  });
  expect((await client.get("/api/v1/me")).status()).toBe(200);

  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByText("Revoke…").click();
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  expect((await client.get("/api/v1/me")).status()).toBe(401);
  await client.dispose();

  await page.goto("/admin/audit?action=api_token_revoked");
  await expect(page.getByTestId("audit-events")).toContainText(name);
});
