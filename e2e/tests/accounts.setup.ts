// Runs once before the journeys: the admin invites an executive and a participant over the JSON
// API, and each sets their password through their one-time link in a context of their own.
import { expect, test as setup } from "@playwright/test";
import { apiContext } from "./pages/app";
import { ADMIN, EXECUTIVE, PARTICIPANT } from "./accounts";

setup("invite one person per role", async ({ request, playwright, baseURL }) => {
  const signIn = await request.post("/api/v1/session", {
    data: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(signIn.status(), await signIn.text()).toBe(200);
  for (const account of [EXECUTIVE, PARTICIPANT]) {
    const invite = await request.post("/api/v1/people", {
      data: { email: account.email, name: account.name, role: account.role },
    });
    expect(invite.status(), await invite.text()).toBe(201);
    const token = new URL((await invite.json()).url).searchParams.get("token") ?? "";
    // Setting the password signs the invitee in: keep that session out of the admin's context.
    const invitee = await apiContext(playwright, baseURL);
    const setPassword = await invitee.post("/fn/set_password_from_link", {
      form: { token, password: account.password },
    });
    expect(setPassword.status(), await setPassword.text()).toBe(200);
    await invitee.dispose();
  }
});
