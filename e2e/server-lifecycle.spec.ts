import { existsSync, readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { findFreePort } from "../test/postgres-server";
import { dataDirLock, newDataDir, runLauncher, startStudio } from "./support/studio-process";

/** Starts the app again on the same data and checks the start count the home page shows. */
async function expectRestartWithData(page: Page, dataDir: string, starts: string) {
  const again = await startStudio({ DATA_DIR: dataDir });
  try {
    await page.goto(again.url);
    await expect(page.getByTestId("installation-facts")).toContainText(starts);
  } finally {
    await again.stop();
  }
}

const lockOwnerPid = (dataDir: string) => JSON.parse(readFileSync(dataDirLock(dataDir), "utf8")).pid as number;

test.describe("starting and stopping the app", () => {
  test("keeps its data across a restart and closes the database on SIGTERM", async ({ page }) => {
    // A first start on an empty folder: the app creates the database itself.
    const first = await startStudio({ DATA_DIR: newDataDir({ empty: true }) });
    await page.goto(first.url);
    await expect(page.getByTestId("installation-facts")).toContainText("started 1 time");
    expect(first.output()).toContain("applied migration 20261126064103_init");
    expect(existsSync(dataDirLock(first.dataDir))).toBe(true);
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.output()).toContain("SIGTERM: draining");
    expect(existsSync(dataDirLock(first.dataDir))).toBe(false);
    await expectRestartWithData(page, first.dataDir, "started 2 times");
  });

  test("starts again after the server process is killed with SIGKILL, keeping what it had written", async ({
    page,
  }) => {
    const first = await startStudio();
    process.kill(lockOwnerPid(first.dataDir), "SIGKILL");
    expect(await first.exited).not.toBe(0);
    expect(existsSync(dataDirLock(first.dataDir))).toBe(true);
    await expectRestartWithData(page, first.dataDir, "started 2 times");
  });

  test("shuts the server down when the launcher itself is killed", async () => {
    const first = await startStudio();
    const serverPid = lockOwnerPid(first.dataDir);
    await first.stop("SIGKILL");
    await expect.poll(() => existsSync(dataDirLock(first.dataDir)), { timeout: 15_000 }).toBe(false);
    const isAlive = () => {
      try {
        return process.kill(serverPid, 0);
      } catch {
        return false;
      }
    };
    await expect.poll(isAlive, { timeout: 15_000 }).toBe(false);
  });

  test("refuses a second start on the same data folder with a clear message", async () => {
    const first = await startStudio();
    try {
      const second = runLauncher({ PORT: String(await findFreePort()), DATA_DIR: first.dataDir });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/cannot start: The embedded database in .* is already in use by process \d+/);
      const health = await fetch(`${first.url}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  for (const [variable, value, message] of [
    ["PORT", "http", /PORT: must be a whole number between 1 and 65535/],
    ["PORT", "70000", /PORT: must be a whole number between 1 and 65535/],
    ["DATABASE_URL", "mysql://root@127.0.0.1/db", /DATABASE_URL: must start with postgresql:\/\//],
    ["PROMPT_TEMPLATE", "package.json", /PROMPT_TEMPLATE: package\.json: Invalid prompt template/],
  ] as const) {
    test(`stops at once on ${variable}=${value}, naming it`, async () => {
      const run = runLauncher({ [variable]: value });
      expect(await run.exited).toBe(1);
      expect(run.output()).toMatch(message);
      expect(run.output()).not.toContain("    at ");
    });
  }

  test("stops with a clear message when the PostgreSQL server cannot be reached", async () => {
    const run = runLauncher({
      DATABASE_URL: "postgresql://studio:pw@127.0.0.1:9/studio",
      PORT: String(await findFreePort()),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Cannot connect to the PostgreSQL server at 127\.0\.0\.1:9\/studio \(DATABASE_URL\)/);
  });
});
