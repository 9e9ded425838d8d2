import { expect, test } from "@playwright/test";
import { ADMIN } from "./accounts";
import { signInAs } from "./pages/app";

test("an admin invites a person, who sets a password from the link and is signed in", async ({ page, browser }, testInfo) => {
  const email = `new.${testInfo.project.name}@example.org`;
  await signInAs(page, ADMIN, "/admin/people");
  const invite = page.getByRole("form", { name: "Invite a person" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Name").fill("Nia New");
  await invite.getByLabel("Role").selectOption("participant");
  await invite.getByRole("button", { name: "Invite" }).click();
  const link = await page.getByTestId("issued-link").inputValue();
  expect(link).toContain("/set-password?token=");
  await expect(page.getByTestId(`person-${email}`)).toContainText("Invited");

  // The invitee uses the link in their own browser.
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByTestId("link-email")).toHaveText(email);
  await invitee.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  // Long enough for the browser's own check, but refused by the server's rules.
  await invitee.getByLabel("New password").fill("passwordpassword");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee.getByTestId("form-error")).toContainText("most common passwords");
  await invitee.getByLabel("New password").fill("plum window seventy 3");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee.getByTestId("welcome")).toBeVisible();
  await expect(invitee.getByTestId("account-role")).toHaveText("Participant");

  // The link works once.
  await invitee.goto(link);
  await expect(invitee.getByTestId("error")).toContainText("expired or was already used");
});
