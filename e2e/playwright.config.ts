// Playwright runs the real server binary on a fresh SQLite database, in Debian's Chromium.
import { defineConfig, devices } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";
import { ADMIN } from "./tests/accounts";

const port = Number(process.env.E2E_PORT ?? 3199);
// A second server with the demo organisation loaded (its finished pilot), for the report journeys.
export const demoPort = port - 1;
const baseURL = `http://127.0.0.1:${port}`;
const repoRoot = path.resolve(__dirname, "..");
const serverBinary = process.env.ASYNC_PILOT_BIN ?? path.join(repoRoot, "target/debug/async-pilot");
const databaseUrl =
  process.env.E2E_DATABASE_URL ??
  `sqlite://${path.join(os.tmpdir(), `async-pilot-e2e-${Date.now()}.db`)}?mode=rwc`;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL,
    // API clients that sign in with a cookie name this site as their origin, as a browser does
    // (the server refuses cookie-carrying writes without one). Pages send it themselves.
    extraHTTPHeaders: { origin: baseURL },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // Signs the seeded admin in and invites one person per other role (tests/accounts.setup.ts).
    { name: "accounts", testMatch: /accounts\.setup\.ts/ },
    {
      name: "desktop",
      dependencies: ["accounts"],
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
    {
      name: "phone",
      dependencies: ["accounts"],
      use: {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
        launchOptions: chromium,
      },
    },
  ],
  webServer: [{
    // The first admin comes from the command line, as on a real installation.
    command:
      `echo "${ADMIN.password}" | "${serverBinary}" create-admin --email ${ADMIN.email} --name "Hana HR" --password-stdin && ` +
      `"${serverBinary}" serve --addr 127.0.0.1:${port} --site-root "${path.join(repoRoot, "target/site")}"`,
    env: { DATABASE_URL: databaseUrl, ASYNC_PILOT_LOG: "warn" },
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  }, {
    command:
      `"${serverBinary}" demo && ` +
      `"${serverBinary}" serve --addr 127.0.0.1:${demoPort} --site-root "${path.join(repoRoot, "target/site")}"`,
    env: {
      DATABASE_URL: `sqlite://${path.join(os.tmpdir(), `async-pilot-e2e-demo-${Date.now()}.db`)}?mode=rwc`,
      ASYNC_PILOT_LOG: "warn",
    },
    url: `http://127.0.0.1:${demoPort}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  }],
});
