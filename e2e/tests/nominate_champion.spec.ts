// A member lets their own entries suggest them as a champion and nominates a colleague; HR then
// finds both on the candidate list (the member opted in, the colleague nominated).
import { expect, test } from "@playwright/test";
import { ADMIN, PARTICIPANT } from "./accounts";
import { signInAs } from "./pages/app";
import { AccountChampionPage } from "./pages/champions";

test("a member opts in and nominates a colleague", async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "one account: the journey runs once, at a desk");
  await signInAs(page, PARTICIPANT, "/account");
  const account = new AccountChampionPage(page);
  await account.open();
  await expect(account.optInState()).toHaveText("off");
  await account.turnOn();
  await account.nominate(ADMIN.email, "Her written hand-overs mean nobody needs a call to catch up.", true);
  await expect(page.getByText("Thank you: your nomination is with HR.")).toBeVisible();

  const signIn = await request.post("/api/v1/session", { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(signIn.status()).toBe(200);
  const list = await (await request.get("/api/v1/champions/candidates")).json();
  const ada = list.candidates.find((c: { email: string }) => c.email === PARTICIPANT.email);
  expect(ada.opted_in).toBe(true);
  const hana = list.candidates.find((c: { email: string }) => c.email === ADMIN.email);
  expect(hana.nominations).toBe(1);
  expect(hana.reasons[0].from).toBe(PARTICIPANT.name);
  const mine = await (await request.get("/api/v1/me/champion")).json();
  expect(mine.reasons[0].from).toBe(PARTICIPANT.name);
});
