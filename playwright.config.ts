import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium";
import { sharedServerPort as port } from "./e2e/support/shared-server";

/**
 * End-to-end tests against a production build served by `npm start`'s own
 * launcher, on a fresh embedded database (scripts/test.mjs empties .tmp/).
 */
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  timeout: 90_000,
  // Two at a time: each spec mostly waits on servers it starts itself (its own data folder and port), so two share the machine well.
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions,
    trace: "retain-on-failure",
  },
  webServer: {
    command: "node --import tsx --conditions=react-server cli/start.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: ".tmp/e2e/server-data",
      DEMO_DIR: ".tmp/e2e/demo-benchmark",
      DEMO_IMPORT: "off",
      NEXT_TELEMETRY_DISABLED: "1",
      // A model folder that is never installed, so the page's "no model" state holds whatever public/models/ holds.
      DREAMSIM_MODEL_URL: "/models/dreamsim-not-installed/",
      // Every spec signs its people up from 127.0.0.1: the per-address sign-up limit has its own test.
      SIGN_UPS_PER_ADDRESS: "100000",
    },
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
