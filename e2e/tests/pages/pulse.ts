// The pulse survey page: items answered by tapping a number.
import type { Locator } from "@playwright/test";
import { AppFrame } from "./app";

export interface PulseAnswers {
  quality: number;
  statements: number[];
  satisfaction: number;
  burnout: "Yes" | "No";
}

export class PulsePage extends AppFrame {
  item(name: string): Locator {
    return this.page.getByTestId(name);
  }

  option(name: string, value: string): Locator {
    return this.item(name).getByRole("radio", { name: value, exact: true });
  }

  /** Taps the number (the radio button's visible label). */
  async choose(name: string, value: string): Promise<void> {
    await this.item(name).getByText(value, { exact: true }).click();
  }

  async answer(answers: PulseAnswers): Promise<void> {
    await this.choose("answers[quality]", String(answers.quality));
    for (const [index, value] of answers.statements.entries()) {
      await this.choose(`answers[statements][${index}]`, String(value));
    }
    await this.choose("answers[satisfaction]", String(answers.satisfaction));
    await this.choose("answers[burnout]", answers.burnout);
    await this.page.getByRole("button", { name: "Send my answers" }).click();
  }

  saved(): Locator {
    return this.page.getByTestId("pulse-saved");
  }
}
