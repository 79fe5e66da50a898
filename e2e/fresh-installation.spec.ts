import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { strToU8, zipSync } from "fflate";
import { ownPhotos } from "./support/own-photos";
import type { StudioAddress } from "./support/shared-server";
import { signUpThroughApi, testPassword } from "./support/sign-up";
import { sharedDemoDir, type StudioProcess, startStudio } from "./support/studio-process";

/**
 * A fresh installation, as its first person meets it: their own photos come
 * first (the demo benchmark they also receive never crowds their library,
 * the gallery or the Assess picker), and, the admin being a researcher too,
 * they run the demo benchmark and read its results. One server for both, so
 * the demo benchmark is imported once.
 */

const baseline = "Built-in baseline (image statistics, not PreferThinker)";
const firstPerson = { email: "first@example.com", password: testPassword };

/** Signs in as the first person; signs them up when this test runs without the one before it. */
async function enterAsFirstPerson(page: Page, studio: StudioAddress) {
  const signedIn = await page.request.post(`${studio.url}/api/auth/sign-in`, {
    headers: { Origin: studio.url },
    data: firstPerson,
  });
  if (signedIn.status() === 401) await signUpThroughApi(page, studio, firstPerson.email);
  else expect(signedIn.status()).toBe(200);
}

const tileNames = async (page: Page, list: string) =>
  (
    await page
      .getByRole("list", { name: list })
      .getByRole("img")
      .evaluateAll((images) => images.map((image) => image.getAttribute("alt")))
  ).sort();

test.describe("a fresh installation", () => {
  let studio: StudioProcess;
  test.beforeAll(async () => {
    // The first account gets the demo benchmark's subsets, as every new installation does.
    studio = await startStudio({ DEMO_IMPORT: "on" });
  });
  test.afterAll(async () => {
    await studio.stop();
  });

  test("the first person's twelve photos are all in the picker and the gallery, no benchmark picture among them, and they can be assessed", async ({
    page,
  }, testInfo) => {
    test.setTimeout(300_000);
    await page.goto(`${studio.url}/sign-up`);
    await page.getByLabel("Email").fill(firstPerson.email);
    await page.getByLabel("Password", { exact: true }).fill(firstPerson.password);
    await page.getByRole("button", { name: /create account|sign up/i }).click();
    await expect(page).not.toHaveURL(/sign-up/);

    // The demo subsets finish importing in the background.
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get(`${studio.url}/api/benchmarks/subsets`)).json()) as {
              subsets: { name: string }[];
            }
          ).subsets
            .map((subset) => subset.name)
            .sort(),
        { timeout: 240_000, intervals: [1000] },
      )
      .toEqual(["TEST_MP_ID", "TEST_MP_OD", "TEST_SP_ID", "TEST_SP_OD"]);

    await page.goto(`${studio.url}/images`);
    const photos = await ownPhotos();
    const names = photos.map((photo) => photo.name).sort();
    await page.getByLabel("Choose images to upload").setInputFiles(photos);
    await expect(page.getByTestId("upload-item").filter({ hasText: "Added" })).toHaveCount(12);
    await expect(page.getByText("12 images, your uploads first")).toBeVisible();
    await expect.poll(() => tileNames(page, "Images")).toEqual(names);

    await page.goto(`${studio.url}/assess`);
    await expect(page.getByText("12 images, your uploads first")).toBeVisible();
    await expect.poll(() => tileNames(page, "Images to pick from")).toEqual(names);

    for (const name of names.slice(0, 5)) await page.getByRole("button", { name: `Add ${name} to Liked` }).click();
    for (const name of names.slice(5, 10)) await page.getByRole("button", { name: `Add ${name} to Disliked` }).click();
    await page.getByRole("button", { name: `Use ${names[10]} as Image A` }).click();
    await page.getByRole("button", { name: `Use ${names[11]} as Image B` }).click();
    // The columns and slots name what they hold.
    await expect(page.getByTestId("column-preferred")).toContainText(names[0]!);
    await expect(page.getByTestId("candidate-b")).toContainText(names[11]!);

    await page.getByRole("button", { name: "Assess", exact: true }).click();
    await expect(page.getByTestId("answer")).toContainText("Image B");
    await expect(page.getByRole("status").filter({ hasText: "Finished" })).toBeVisible();

    // What the person sees, kept with the test's results.
    await page.getByRole("searchbox", { name: "File name" }).fill("photo-1");
    await expect
      .poll(() => tileNames(page, "Images to pick from"))
      .toEqual(["my-photo-10.png", "my-photo-11.png", "my-photo-12.png"]);
    await page.screenshot({ path: testInfo.outputPath("assess-picker-filtered.png"), fullPage: true });
    await page.goto(`${studio.url}/images`);
    await page.getByRole("button", { name: /my-photo-11\.png/ }).click();
    await page.getByRole("button", { name: /my-photo-12\.png/ }).click();
    await expect(page.getByRole("group", { name: "Selected images" })).toContainText("2 images selected");
    await page.screenshot({ path: testInfo.outputPath("gallery-selection.png"), fullPage: true });

    // The selection goes to Assess as the two candidates.
    await page.getByRole("button", { name: "Assess as A and B" }).click();
    await expect(page).toHaveURL(`${studio.url}/assess`);
    await expect(page.getByTestId("candidate-a")).toContainText("my-photo-11.png");
    await expect(page.getByTestId("candidate-b")).toContainText("my-photo-12.png");

    // Removing: a photo the stored assessment used stays for it; one nothing used is deleted.
    const extra = await page.request.post(`${studio.url}/api/images`, {
      headers: { Origin: studio.url },
      multipart: {
        files: {
          ...photos[0]!,
          name: "blurry-duplicate.png",
          buffer: await sharp(photos[0]!.buffer).flip().png().toBuffer(),
        },
      },
    });
    expect(extra.status()).toBe(201);
    await page.goto(`${studio.url}/images`);
    await expect(page.getByText("13 images, your uploads first")).toBeVisible();
    await page.getByRole("button", { name: /blurry-duplicate\.png/ }).click();
    await page.getByRole("button", { name: /my-photo-12\.png/ }).click();
    await page.getByRole("button", { name: "Remove…" }).click();
    await page.getByRole("button", { name: "Remove 2 images" }).click();
    await expect(page.getByRole("status")).toContainText(
      "Removed 2 images from your library; 1 of them stay with the stored assessments or benchmarks that use them.",
    );
    await expect(page.getByText("11 images, your uploads first")).toBeVisible();
    await expect.poll(() => tileNames(page, "Images")).toEqual(names.slice(0, 11));

    await page.goto(`${studio.url}/`);
    await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
  });

  test("a researcher imports a demo subset, runs the baseline on it to the end and reads the accuracy beside the published figures", async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    await enterAsFirstPerson(page, studio);
    await page.goto(`${studio.url}/benchmarks`);
    await expect(page.getByRole("heading", { name: "Benchmarks", level: 1 })).toBeVisible();
    // The first account of the installation: the demo benchmark's subsets arrive in the background.
    const subsets = page.getByRole("list", { name: "Imported subsets" });
    await expect(async () => {
      await page.reload();
      await expect(subsets.getByText(/^TEST_/)).toHaveCount(4, { timeout: 1000 });
    }).toPass({ timeout: 150_000, intervals: [2000] });
    await expect(page.getByText("Every subset of the demo benchmark is imported.")).toBeVisible();

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

    const exported = await page.request.get(
      `${studio.url}${await run.getByRole("link", { name: "Results (CSV)" }).getAttribute("href")}`,
    );
    expect(exported.status()).toBe(200);
    expect((await exported.text()).split("\n")[0]).toMatch(/^index,imageA,imageB,label/);
    const official = await page.request.get(
      `${studio.url}${await run.getByRole("link", { name: "Results (official JSON)" }).getAttribute("href")}`,
    );
    expect(official.status()).toBe(200);

    // The exported results file, imported again from the page as another model's run: the same accuracy.
    const resultsFile = testInfo.outputPath("rec_results_baseline_TEST_MP_OD.json");
    writeFileSync(resultsFile, await official.body());
    await page.getByLabel("Model that wrote them").fill("re-imported");
    await page.getByLabel("Results file").setInputFiles(resultsFile);
    await page.getByRole("button", { name: "Import results" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Imported 40 results of TEST_MP_OD as a run of re-imported" }),
    ).toContainText(`strict accuracy ${((await official.json()) as { accuracy: number }).accuracy.toFixed(1)}%`);

    // A zip with a broken sample is refused as a whole, naming the sample.
    const broken = JSON.parse(readFileSync(join(sharedDemoDir, "data/TEST_SP_OD/TEST_SP_OD.json"), "utf8")) as Record<
      string,
      unknown
    >[];
    broken[7]!.conversations = [{ from: "gpt", value: "Image C" }];
    const zipFile = testInfo.outputPath("broken.zip");
    writeFileSync(zipFile, zipSync({ "bench/data/TEST_SP_OD/TEST_SP_OD.json": strToU8(JSON.stringify(broken)) }));
    await page.getByLabel("Import a benchmark zip").setInputFiles(zipFile);
    await page.getByRole("button", { name: "Import zip" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The zip" })).toContainText(
      /The zip was not imported: TEST_SP_OD: sample 7: conversations/,
    );
    await expect(subsets.getByText(/^TEST_/)).toHaveCount(4);

    await page.screenshot({ path: testInfo.outputPath("benchmarks.png"), fullPage: true });

    // The failures of the run: the list, a sample in full, filters kept in the address.
    await run.getByRole("link", { name: "Browse failures" }).click();
    await expect(page.getByRole("heading", { name: "Results and failures" })).toBeVisible();
    const count = page.getByTestId("result-count");
    await expect(count).toHaveText(/^(\d+) of 40 results shown, \1 of them wrong\.$/);
    await page.getByLabel("Outcome (strict)").selectOption({ label: "Right or wrong" });
    await expect(count).toHaveText(/^40 of 40 results shown/);
    const list = page.getByRole("listbox", { name: "Results" });
    await expect(list).toHaveAccessibleDescription(/^In the official evaluation order \(the seed-42 shuffle/);
    await list.getByRole("option").first().click();
    await expect(page.getByRole("heading", { name: /^Sample \d+ of TEST_MP_OD$/ })).toBeVisible();
    // Keyboard: the next result opens with the arrow key.
    const firstHeading = await page.getByRole("heading", { name: /^Sample \d+ of TEST_MP_OD$/ }).textContent();
    await list.press("ArrowDown");
    await expect(page.getByRole("heading", { name: /^Sample \d+ of TEST_MP_OD$/ })).not.toHaveText(firstHeading!);
    const output = page.getByTestId("highlighted-output");
    await expect(output.locator('[data-part="score"]')).toHaveCount(10);
    await expect(output.locator('[data-part="answer"]')).toHaveText(/Image [AB]/);
    await expect(page.getByText(/^Mean similarity \d+%/)).toBeVisible();
    const liked = page.getByRole("img", { name: "Liked reference 5", exact: true });
    await expect(liked).toBeVisible();
    await expect.poll(() => liked.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: testInfo.outputPath("sample-view.png"), fullPage: true });

    await page.getByLabel("Label", { exact: true }).selectOption("A");
    await expect(count).toHaveText(/^\d+ of 40 results shown/);
    const byLabel = Number((await count.textContent())!.split(" ")[0]);
    expect(byLabel).toBeGreaterThan(0);
    expect(byLabel).toBeLessThan(40);
    // The address holds the view: a reload opens it as it was.
    expect(page.url()).toMatch(/label=A/);
    await page.reload();
    await expect(count).toHaveText(new RegExp(`^${byLabel} of 40 results shown`));
    await expect(page.getByRole("heading", { name: /^Sample \d+ of TEST_MP_OD$/ })).toBeVisible();

    // Text search runs on the server over the outputs.
    await page.getByLabel("Label", { exact: true }).selectOption("");
    await page.getByLabel("Text in the output").fill("no such words in any output");
    await expect(count).toHaveText(/^0 of 40 results shown/);
    await page.getByLabel("Text in the output").fill("");
    await expect(count).toHaveText(/^40 of 40 results shown/);
    await page.screenshot({ path: testInfo.outputPath("failure-browser.png"), fullPage: true });

    // A second run of the subset, in fast mode, compared with the first.
    await page.goto(`${studio.url}/benchmarks`);
    await page.getByLabel("Subset", { exact: true }).selectOption({ label: "TEST_MP_OD (40 samples)" });
    await page.getByLabel("Model", { exact: true }).selectOption({ label: baseline });
    await page.getByRole("radio", { name: /^Fast/ }).check();
    await page.getByRole("button", { name: "Start run" }).click();
    const fast = page.getByRole("listitem", { name: `Run of ${baseline}, fast on TEST_MP_OD` });
    await expect(fast.getByText("Completed")).toBeVisible({ timeout: 60_000 });
    await page.getByRole("link", { name: "Compare two runs" }).click();
    // The baseline's own run against the re-imported copy of its results: the same answers, nothing flips.
    const runA = page.getByLabel("Run A");
    await expect(runA.locator("option")).toHaveCount(4);
    await runA.selectOption(
      (await runA.locator("option", { hasText: "not PreferThinker) · reasoning ·" }).getAttribute("value"))!,
    );
    const runB = page.getByLabel("Run B (same subset)");
    await runB.selectOption((await runB.locator("option", { hasText: "re-imported" }).getAttribute("value"))!);
    await expect(page.getByText("No sample flipped: the runs agree on every paired sample.")).toBeVisible();
    // Against the fast run.
    await runB.selectOption(
      (await runB.locator("option", { hasText: " · fast (answer only) · " }).getAttribute("value"))!,
    );
    await expect(page.getByText("40 samples with a result in both runs.")).toBeVisible();
    await expect(page.getByTestId("mcnemar")).toHaveText(/^p = [\d.e-]+/);
    await expect(page.getByRole("heading", { name: /^Right in A, wrong in B \(\d+\)$/ })).toBeVisible();
    await expect(page.getByTestId("accuracy-difference")).toContainText(
      /95% interval [+−][\d.]+ to [+−][\d.]+ \(paired bootstrap/,
    );
    await page.screenshot({ path: testInfo.outputPath("compare.png"), fullPage: true });

    // A swap run: every sample in both orders; the baseline scores each picture on its own, so nothing follows the position.
    await page.goto(`${studio.url}/benchmarks`);
    await page.getByLabel("Subset", { exact: true }).selectOption({ label: "TEST_MP_OD (40 samples)" });
    await page.getByLabel("Model", { exact: true }).selectOption({ label: baseline });
    await page.getByRole("checkbox", { name: /^Both orders/ }).check();
    await page.getByRole("button", { name: "Start run" }).click();
    const swapped = page.getByRole("listitem", { name: `Run of ${baseline} on TEST_MP_OD` }).first();
    await expect(swapped.getByText("Completed")).toBeVisible({ timeout: 90_000 });
    await expect(swapped.getByTestId("run-swap")).toContainText("Both orders: position bias 0.0% (n = 40)");
    await page.screenshot({ path: testInfo.outputPath("swap-run.png"), fullPage: true });

    // The table for a paper, and the run as one HTML file.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "LaTeX (booktabs)" }).click();
    const latex = readFileSync((await (await download).path())!, "utf8");
    expect(latex).toMatch(/\\begin\{table\}[\s\S]*\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule[\s\S]*\\end\{table\}/);
    expect(latex).toContain("Published");
    const report = await page.request.get(
      `${studio.url}${await swapped.getByRole("link", { name: "Report (one HTML file)" }).getAttribute("href")}`,
    );
    expect(report.status()).toBe(200);
    expect(await report.text()).toContain("Position bias");

    // Its error analysis, opened in the failure browser.
    await swapped.getByRole("link", { name: "Browse failures" }).click();
    await page
      .getByText(/^Error analysis: /)
      .first()
      .click();
    await expect(page.getByText(/^Strict accuracy: /).first()).toContainText("Wilson score interval");
    await expect(page.getByLabel("Both orders")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("error-analysis.png"), fullPage: true });
  });
});
