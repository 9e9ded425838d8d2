import { expect, test } from "@playwright/test";
import { ADMIN, EXECUTIVE, PARTICIPANT } from "./accounts";
import { AppFrame, SignInPage, signInAs } from "./pages/app";

test("a participant signs in, sees only their navigation, and signs out", async ({ page }) => {
  await signInAs(page, PARTICIPANT);
  const frame = new AppFrame(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(frame.nav()).toContainText("Participant");
  await expect(frame.nav().getByRole("link", { name: "People" })).toHaveCount(0);
  await expect(frame.nav().getByRole("link", { name: "Audit log" })).toHaveCount(0);

  await frame.nav().getByRole("button", { name: "Sign out" }).click();
  await expect(frame.nav().getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("sign-in-required")).toBeVisible();
});

test("a wrong password gets a message that does not say which part was wrong", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(PARTICIPANT.email, "not my password at all");
  await expect(signIn.error()).toHaveText("that email and password do not match an active account");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("an admin sees the admin navigation and everyone in the organisation", async ({ page }) => {
  await signInAs(page, ADMIN);
  const frame = new AppFrame(page);
  for (const link of ["People", "API tokens", "Audit log", "Instance status"]) {
    await expect(frame.nav().getByRole("link", { name: link })).toBeVisible();
  }
  await frame.nav().getByRole("link", { name: "People" }).click();
  await expect(page.getByTestId(`person-${PARTICIPANT.email}`)).toContainText("Active");
  await expect(page.getByTestId(`person-${EXECUTIVE.email}`)).toBeVisible();
});

test("an executive is refused the admin pages", async ({ page }) => {
  await signInAs(page, EXECUTIVE);
  await expect(new AppFrame(page).nav().getByRole("link", { name: "People" })).toHaveCount(0);
  await page.goto("/admin/people");
  await expect(page.getByTestId("forbidden")).toContainText("You do not have access");
  await expect(page.getByTestId("people")).toHaveCount(0);
});

test("a visitor sent to sign in comes back to the page they wanted", async ({ page }) => {
  await page.goto("/admin/audit");
  await expect(page.getByTestId("sign-in-required")).toBeVisible();
  await signInAs(page, ADMIN, "/admin/audit");
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByTestId("audit-events")).toContainText(ADMIN.email);
});
