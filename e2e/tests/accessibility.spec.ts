// Every page, as each role sees it, on a phone and a desktop: no violation of the WCAG 2.1 A and
// AA rules that axe checks, nothing scrolls sideways, and on the phone every control is at least
// 44 px each way. Runs against the demo server, where
// every page has something to show (a running pilot, a finished one with its report, champions,
// training, readiness).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demoPort } from "../playwright.config";
import { SignInPage } from "./pages/app";

const base = `http://127.0.0.1:${demoPort}`;
test.use({ baseURL: base, extraHTTPHeaders: { origin: base } });

const PASSWORD = "async pilot demo 2026";

/** Pages with `{finished}` take the demo's finished pilot's id. */
const PAGES = {
  anonymous: ["/", "/plan", "/sign-in", "/status"],
  "admin@example.org": [
    "/",
    "/account",
    "/status",
    "/admin/people",
    "/admin/teams",
    "/admin/departments",
    "/admin/roster",
    "/admin/tokens",
    "/admin/audit",
    "/admin/mail",
    "/admin/pilots",
    "/admin/pilots/{finished}",
    "/admin/pilots/{finished}/import",
    "/admin/custom-metrics",
    "/admin/process-types",
    "/admin/champions",
    "/admin/training",
    "/coverage",
    "/pilots/{finished}/report",
    "/pilots/{finished}/readiness",
    "/readiness",
  ],
  "exec@example.org": ["/readiness", "/pilots/{finished}/report", "/pilots/{finished}/report/print", "/account"],
  "member@example.org": ["/", "/checkin", "/me/entries", "/pulse", "/meetings", "/team", "/account"],
};

async function signIn(page: Page, email: string): Promise<void> {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(email, PASSWORD);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** The finished pilot's id, from the list of pilots (an admin or executive is signed in). */
async function finishedPilot(page: Page): Promise<string> {
  await page.goto("/admin/pilots");
  const href = await page.getByRole("link", { name: "Written-first decisions", exact: true }).getAttribute("href");
  const id = href?.match(/\/admin\/pilots\/(\d+)/)?.[1];
  expect(id, "the demo's finished pilot is listed").toBeTruthy();
  return id as string;
}

/** What is wrong with the page at `path`, as lines of text (none when all is well). */
async function problems(page: Page, path: string, phone: boolean): Promise<string[]> {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers`).toBeLessThan(400);
  await expect(page.locator("[data-hydrated=true]"), `${path} hydrates`).toHaveCount(1, { timeout: 20_000 });
  const found: string[] = [];
  const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  for (const violation of scan.violations) {
    const where = violation.nodes
      .slice(0, 3)
      .map((node) => node.target.join(" "))
      .join("; ");
    found.push(`${path}: ${violation.id} (${violation.impact}) ${violation.help} at ${where}`);
  }
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth > innerWidth) {
    found.push(`${path}: scrolls sideways (${scrollWidth} px of content in a ${innerWidth} px window)`);
  }
  if (phone) {
    for (const small of await smallTargets(page)) found.push(`${path}: tap target under 44 px: ${small}`);
  }
  return found;
}

/**
 * Controls a finger hits that are under 44 × 44 px. Links inside running text are exempt
 * (WCAG 2.5.5), and so are controls that are not shown (the skip link until it has focus); a
 * checkbox or radio inside a label is measured by its label, which is what takes the tap.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const seen = new Set<Element>();
    for (const control of document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
      const input = control as HTMLInputElement;
      if (input.type === "hidden" || control.classList.contains("skip-link")) continue;
      const target = (input.type === "checkbox" || input.type === "radio") && control.closest("label") ? control.closest("label")! : control;
      if (seen.has(target)) continue;
      seen.add(target);
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || style.opacity === "0") continue;
      if (target.tagName === "A" && style.display === "inline" && target.closest("p, li, td, dd, small, figcaption, label")) continue;
      if (box.height < 44 || box.width < 44) {
        const text = (target.textContent || (target as HTMLInputElement).name || target.tagName).trim().slice(0, 40);
        small.push(`<${target.tagName.toLowerCase()}> "${text}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small.slice(0, 5);
  });
}

for (const [who, paths] of Object.entries(PAGES)) {
  test(`every page ${who === "anonymous" ? "before signing in" : `of ${who}`} passes axe and fits the screen`, async ({ page, isMobile }) => {
    test.setTimeout(paths.length * 10_000 + 20_000);
    let finished = "";
    if (who !== "anonymous") {
      await signIn(page, who);
      if (paths.some((path) => path.includes("{finished}"))) finished = await finishedPilot(page);
    }
    const found: string[] = [];
    for (const path of paths) {
      found.push(...(await problems(page, path.replace("{finished}", finished), isMobile)));
    }
    expect(found, found.join("\n")).toEqual([]);
  });
}
