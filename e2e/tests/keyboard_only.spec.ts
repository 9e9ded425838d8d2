// Without a mouse: a member checks in and HR imports a roster with the keyboard alone. At every
// step the focused element shows a visible focus ring, and after each action focus is still on
// the page (never dropped to the document), where the next step can go on from.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "./accounts";
import { apiContext } from "./pages/app";
import { enrolledMember } from "./pages/checkin";

// Keyboard journeys are about a keyboard: the desktop project runs them.
test.skip(({ isMobile }) => isMobile, "keyboard journeys run on the desktop");

/** What has focus, and whether it shows a ring (outline or box shadow) that can be seen. */
interface Focused {
  tag: string;
  /** An input's `name` (or `type` when it has none), else the element's text. */
  name: string;
  ring: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { tag: "body", name: "", ring: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== "none";
    const field = element as HTMLInputElement;
    const name = ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName)
      ? field.name || field.type
      : element.getAttribute("aria-label") || element.textContent || "";
    return { tag: element.tagName.toLowerCase(), name: name.trim().slice(0, 80), ring: outline || shadow };
  });
}

/** Presses Tab until the focused element matches, checking the ring at each stop. */
async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string): Promise<void> {
  for (let step = 0; step < 60; step += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    expect(now.tag, `Tab reached the document itself on the way to ${what}`).not.toBe("body");
    expect(now.ring, `no visible focus on <${now.tag}> "${now.name}" on the way to ${what}`).toBe(true);
    if (matches(now)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function expectFocusKept(page: Page, after: string): Promise<void> {
  const now = await focused(page);
  expect(now.tag, `focus was dropped after ${after}`).not.toBe("body");
}

test("a member checks in with the keyboard alone", async ({ page, playwright, baseURL }) => {
  const admin = await apiContext(playwright, baseURL);
  const setup = await apiContext(playwright, baseURL);
  const member = await enrolledMember(admin, setup, "keyboard");
  const signIn = await page.request.post("/api/v1/session", { data: { email: member.email, password: member.password } });
  expect(signIn.status()).toBe(200);

  await page.goto("/");
  await page.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  // The first stop skips the navigation.
  await page.keyboard.press("Tab");
  expect((await focused(page)).name).toBe("Skip to content");
  await page.keyboard.press("Enter");
  await tabTo(page, (f) => f.tag === "a" && f.name === "Check in for today", "the check-in link");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/checkin$/);
  await page.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });

  // Energy: Tab into the scale (its first level), the arrows choose.
  await tabTo(page, (f) => f.tag === "input" && f.name === "form[energy]", "the energy scale");
  const form = page.getByRole("form", { name: "Check in" });
  const four = form.getByRole("radio", { name: "4", exact: true });
  for (let step = 0; step < 5 && !(await four.isChecked()); step += 1) await page.keyboard.press("ArrowRight");
  await expect(four).toBeChecked();
  await tabTo(page, (f) => f.tag === "input" && f.name === "form[focus_planned_hours]", "focus hours planned");
  await page.keyboard.type("3");
  await tabTo(page, (f) => f.tag === "button" && f.name === "Save check-in", "the save button");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("checkin-saved")).toBeVisible();
  await expectFocusKept(page, "saving the check-in");
  await expect(page.getByTestId("recent-days")).toContainText("Energy");
  await admin.dispose();
  await setup.dispose();
});

test("HR signs in and imports a roster with the keyboard alone", async ({ page }) => {
  await page.goto("/sign-in");
  await page.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  await tabTo(page, (f) => f.tag === "input" && f.name === "email", "the email field");
  await page.keyboard.type(ADMIN.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("signed-in-as")).toHaveText(ADMIN.name);

  await page.goto("/admin/roster");
  await page.locator("[data-hydrated=true]").waitFor({ timeout: 20_000 });
  const csv =
    "email,name,team,department,manager_email,role,timezone,working_pattern\n" +
    "kay.keys@keyboard.example.org,Kay Keys,Keys,Keyboard Org,,,Europe/Berlin,full_time\n";
  await tabTo(page, (f) => f.tag === "input" && f.name === "file", "the roster file field");
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles({ name: "keys.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("file-note")).toHaveText("keys.csv: 2 lines. Preview it next.");
  await tabTo(page, (f) => f.tag === "button" && f.name === "Preview", "the preview button");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("roster-summary")).toContainText("1 new");
  await expectFocusKept(page, "the preview");
  await tabTo(page, (f) => f.tag === "button" && f.name === "Import", "the import button");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("import-done")).toContainText("Imported: 1 new", { timeout: 30_000 });
  await expectFocusKept(page, "the import");
});
