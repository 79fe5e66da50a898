import { expect, test } from "@playwright/test";
import { signUpThroughApi } from "./support/sign-up";
import { type StudioProcess, startStudio } from "./support/studio-process";

const baseline = "Built-in baseline (image statistics, not PreferThinker)";

test.describe("the benchmarks page", () => {
  let studio: StudioProcess;
  // Its own server: the first account to sign up is admin, which may do everything a researcher does.
  test.beforeAll(async () => {
    studio = await startStudio();
  });
  test.afterAll(async () => {
    await studio.stop();
  });

  test("a researcher imports a demo subset, runs the baseline on it to the end and reads the accuracy beside the published figures", async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await signUpThroughApi(page, studio, "researcher@example.com");
    await page.goto(`${studio.url}/benchmarks`);
    await expect(page.getByRole("heading", { name: "Benchmarks", level: 1 })).toBeVisible();
    await expect(page.getByText("No subsets imported yet.")).toBeVisible();

    await page.getByRole("checkbox", { name: /TEST_MP_OD/ }).check();
    await page.getByRole("button", { name: "Import" }).click();
    const subsets = page.getByRole("list", { name: "Imported subsets" });
    await expect(subsets.getByText("TEST_MP_OD")).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole("checkbox", { name: /TEST_MP_OD/ })).toHaveCount(0);

    await page.getByLabel("Subset", { exact: true }).selectOption({ label: "TEST_MP_OD (40 samples)" });
    await page.getByLabel("Model", { exact: true }).selectOption({ label: baseline });
    await page.getByRole("button", { name: "Start run" }).click();
    const run = page.getByRole("listitem", { name: `Run of ${baseline} on TEST_MP_OD` });
    await expect(run.getByText("Completed")).toBeVisible({ timeout: 60_000 });
    await expect(run.getByText("40 / 40 samples")).toBeVisible();

    const ours = page.getByRole("row", { name: new RegExp(`^${baseline.replace(/[()]/g, "\\$&")}`) });
    await expect(ours).toContainText("Baseline: a reference point");
    await expect(ours.getByRole("cell").nth(3)).toContainText(/\d+\.\d\s*\d+\.\d–\d+\.\d, n = 40/);
    await expect(page.getByRole("columnheader", { name: /Published figures/ })).toContainText("not measured here");
    await expect(page.getByRole("row", { name: /PreferThinker \(7B\) \(published\)/ })).toContainText("96.6");

    const exported = await page.request.get(`${studio.url}${await run.getByRole("link", { name: "Results (CSV)" }).getAttribute("href")}`);
    expect(exported.status()).toBe(200);
    expect((await exported.text()).split("\n")[0]).toMatch(/^index,imageA,imageB,label/);
    const official = await page.request.get(`${studio.url}${await run.getByRole("link", { name: "Results (official JSON)" }).getAttribute("href")}`);
    expect(official.status()).toBe(200);

    await page.screenshot({ path: testInfo.outputPath("benchmarks.png"), fullPage: true });
  });
});
