// Page objects: the frame every page shares, and the pages the journeys visit.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export class AppFrame {
  constructor(readonly page: Page) {}

  nav(): Locator {
    return this.page.getByRole("navigation", { name: "Main" });
  }

  /** Resolves once the WebAssembly has hydrated the page and client-side behaviour works. */
  async waitForHydration(): Promise<void> {
    await expect(this.page.locator("[data-hydrated=true]")).toHaveCount(1, { timeout: 20_000 });
  }
}

export class OverviewPage extends AppFrame {
  async open(): Promise<void> {
    await this.page.goto("/");
  }

  stageButton(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  stageDetail(): Locator {
    return this.page.getByTestId("stage-detail");
  }
}

export class PlanPage extends AppFrame {
  async open(query = ""): Promise<void> {
    await this.page.goto(`/plan${query}`);
  }

  async fill(start: string, baseline: string, intervention: string, followUp: string): Promise<void> {
    await this.page.getByLabel("First day of the baseline").fill(start);
    await this.page.getByLabel("Baseline (days)").fill(baseline);
    await this.page.getByLabel("Intervention (days)").fill(intervention);
    await this.page.getByLabel("Follow-up (days)").fill(followUp);
  }

  async submit(): Promise<void> {
    await this.page.getByRole("button", { name: "Show the timeline" }).click();
  }

  window(stage: "baseline" | "intervention" | "follow_up"): Locator {
    return this.page.getByTestId(`window-${stage}`);
  }

  error(): Locator {
    return this.page.getByTestId("plan-error");
  }
}

/** Records console errors and uncaught exceptions, such as a blocked script or a missing file. */
export function collectBrowserErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

export class SignInPage extends AppFrame {
  async open(next?: string): Promise<void> {
    await this.page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
    await this.waitForHydration();
  }

  async signIn(email: string, password: string): Promise<void> {
    const form = this.page.getByRole("form", { name: "Sign in" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Password").fill(password);
    await form.getByRole("button", { name: "Sign in" }).click();
  }

  error(): Locator {
    return this.page.getByTestId("form-error");
  }
}

/** Signs in through the page and waits until the header shows who is signed in. */
export async function signInAs(page: Page, account: { email: string; password: string; name: string }, next?: string) {
  const signIn = new SignInPage(page);
  await signIn.open(next);
  await signIn.signIn(account.email, account.password);
  await expect(page.getByTestId("signed-in-as")).toHaveText(account.name);
}

/** `/team`: the team's charter and decision log. */
export class TeamRecordsPage extends AppFrame {
  async open(): Promise<void> {
    await this.page.goto("/team");
    await this.waitForHydration();
  }

  charterForm(): Locator {
    return this.page.getByRole("form", { name: "New charter version" });
  }

  async editCharter(channels: [string, string, string][], from: string, currentNorms: boolean): Promise<void> {
    const form = this.charterForm();
    // The edit section may still be open from the previous save.
    if (!(await form.isVisible())) await this.page.getByText("Change the charter…").click();
    for (const [index, [name, purpose, hours]] of channels.entries()) {
      const row = form.getByTestId(`channel-row-${index + 1}`);
      await row.getByLabel(`Channel ${index + 1}`).fill(name);
      await row.getByLabel("What it is for").fill(purpose);
      await row.getByLabel("Reply within (hours)").fill(hours);
    }
    await form.getByLabel("Applies from").fill(from);
    if (currentNorms) await form.getByLabel("These are our current, unwritten norms").check();
    await form.getByRole("button", { name: "Save as a new version" }).click();
  }

  charterVersion(version: number): Locator {
    return this.page.getByTestId(`charter-version-${version}`);
  }

  async logDecision(title: string, process: string, raisedAt: string, documentation: string): Promise<void> {
    const form = this.page.getByRole("form", { name: "Log a decision" });
    await form.getByLabel("What was decided").fill(title);
    await form.getByLabel("Process").selectOption({ label: process });
    await form.getByLabel("Raised at").fill(raisedAt);
    await form.getByLabel("Where it is written down").fill(documentation);
    await form.getByRole("button", { name: "Log the decision" }).click();
  }

  decision(title: string): Locator {
    return this.page.getByTestId("decision").filter({ hasText: title });
  }
}

/**
 * A client for the JSON API that signs in with a session cookie, as scripts in these journeys
 * do. Writes carrying a cookie must name this site as their origin (the server refuses them
 * otherwise, as it would a page of another site), so it sends one, as a browser would.
 */
export async function apiContext(
  playwright: { request: { newContext: (options: { baseURL?: string; extraHTTPHeaders?: Record<string, string> }) => Promise<APIRequestContext> } },
  baseURL: string | undefined,
): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL ?? "").origin } });
}
