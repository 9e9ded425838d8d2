// Page objects for champions and training: the account page's part, HR's candidate list and
// the coverage page.
import { expect, type Locator, type Page } from "@playwright/test";
import { AppFrame } from "./app";

/** `/account`: the champion option, one's nominations, nominating, one's own training. */
export class AccountChampionPage extends AppFrame {
  async open(): Promise<void> {
    await this.page.goto("/account");
    await this.waitForHydration();
  }

  optInState(): Locator {
    return this.page.getByTestId("champion-opt-in-state");
  }

  async turnOn(): Promise<void> {
    await this.page.getByRole("form", { name: "Champion option" }).getByRole("button", { name: "Turn on" }).click();
    await expect(this.optInState()).toHaveText("on");
  }

  async nominate(email: string, reason: string, reveal: boolean): Promise<void> {
    const form = this.page.getByRole("form", { name: "Nominate a colleague" });
    await form.getByLabel("Their email").fill(email);
    await form.getByLabel("Why, in one sentence").fill(reason);
    if (reveal) await form.getByLabel("Let them see it was me").check();
    await form.getByRole("button", { name: "Nominate" }).click();
  }

  module(key: string): Locator {
    return this.page.getByTestId(`module-${key}`);
  }

  async recordCompleted(key: string, day: string): Promise<void> {
    const row = this.module(key);
    await row.getByLabel("Status").selectOption("completed");
    await row.getByLabel("Completed on").fill(day);
    await row.getByRole("button", { name: "Save" }).click();
  }
}

/** `/admin/champions`: the candidate list with HR's decision per candidate. */
export class CandidatesPage extends AppFrame {
  async open(): Promise<void> {
    await this.page.goto("/admin/champions");
    await this.waitForHydration();
  }

  candidate(email: string): Locator {
    return this.page.getByTestId(`candidate-${email}`);
  }

  async confirm(email: string, note: string): Promise<void> {
    const row = this.candidate(email);
    await row.getByLabel("Decision").selectOption("confirm");
    await row.getByLabel("Note").fill(note);
    await row.getByRole("button", { name: "Save decision" }).click();
    await expect(row.getByTestId("candidate-status")).toHaveText("Confirmed champion");
  }
}

/** `/coverage`: champion coverage per pilot and department, and training coverage. */
export class CoveragePage extends AppFrame {
  async open(): Promise<void> {
    await this.page.goto("/coverage");
  }

  pilot(name: string): Locator {
    return this.page.getByTestId(`pilot-coverage-${name}`);
  }
}
