// Page objects: the frame every page shares, and the pages the journeys visit.
import { expect, type Locator, type Page } from "@playwright/test";

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
