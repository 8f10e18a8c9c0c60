import { defineConfig } from "@playwright/test";

// Browser journeys in Debian's Chromium (never a downloaded browser) against the production
// build, served on its own port with its own seeded database (scripts/run-tests.ts).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // generous, for a loaded machine: a slow step waits, it does not fail; nothing asserts on speed
  timeout: 240_000,
  expect: { timeout: 30_000 },
  outputDir: "test-results",
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }]],
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `node_modules/.bin/next start -p ${port}`,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 300_000,
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? "",
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
      NEXTAUTH_URL: baseURL,
      DEMO_MODE: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // the reminder timer would add notifications while a test counts them
      JOBS_DISABLED: "1",
      // a run pinned to a day (APP_NOW=… npm test) serves the portal as of that instant
      ...(process.env.APP_NOW ? { APP_NOW: process.env.APP_NOW } : {}),
    },
  },
});
