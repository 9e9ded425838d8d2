// A person's rights: they download everything held about them from their account page, and HR
// erases a person on their request, confirming with the person's email.
import { expect, test } from "@playwright/test";
import * as fs from "node:fs";
import { ADMIN } from "./accounts";
import { apiContext, signInAs } from "./pages/app";

test("a person downloads their data, and HR erases them on request", async ({ page, browser, playwright, baseURL }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "HR erases at a desk; the download itself was tried on a phone once");
  const suffix = testInfo.project.name;
  const email = `leaving.${suffix}@example.org`;
  const password = "amber sail window 42";

  // HR invites the person; they set a password through the API, as their browser would.
  const hr = await apiContext(playwright, baseURL);
  expect((await hr.post("/api/v1/session", { data: { email: ADMIN.email, password: ADMIN.password } })).status()).toBe(200);
  const invited = await hr.post("/api/v1/people", { data: { email, name: `Lee Leaving ${suffix}`, role: "participant" } });
  expect(invited.status(), await invited.text()).toBe(201);
  const token = new URL((await invited.json()).url).searchParams.get("token") ?? "";
  const own = await apiContext(playwright, baseURL);
  expect((await own.post("/fn/set_password_from_link", { form: { token, password } })).status()).toBe(200);

  // Their download, from the account page.
  const person = await (await browser.newContext({ baseURL })).newPage();
  await signInAs(person, { email, password, name: `Lee Leaving ${suffix}` }, "/account");
  const download = person.waitForEvent("download");
  await person.getByTestId("download-my-data").click();
  const file = await (await download).path();
  const zip = fs.readFileSync(file);
  expect(zip.subarray(0, 2).toString()).toBe("PK");
  expect(zip.includes(Buffer.from("README.txt"))).toBe(true);
  expect(zip.includes(Buffer.from(email))).toBe(true);

  // HR erases them: the wrong email is refused, the right one erases and signs them out.
  await signInAs(page, ADMIN, "/admin/people");
  const row = page.getByTestId(`person-${email}`);
  await row.getByText("Erase…").click();
  const erase = row.getByRole("form", { name: `Erase Lee Leaving ${suffix}` });
  await erase.getByLabel("Their email, to confirm").fill(`someone.else.${suffix}@example.org`);
  await erase.getByRole("button", { name: "Erase" }).click();
  await expect(page.getByTestId("form-error")).toBeVisible();
  await expect(row).toBeVisible();
  await erase.getByLabel("Their email, to confirm").fill(email);
  await erase.getByRole("button", { name: "Erase" }).click();
  await expect(page.getByTestId("erased")).toContainText("rows deleted");
  await expect(page.getByTestId(`person-${email}`)).toHaveCount(0);

  await person.goto("/account");
  await expect(person.getByTestId("sign-in-required")).toBeVisible();
  await page.goto("/admin/audit?action=person_erased");
  await expect(page.getByTestId("audit-events")).toContainText("erased person");
  await hr.dispose();
  await own.dispose();
});
