import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Browser, chromium, expect, type Page, test } from "@playwright/test";
import { z } from "zod";
import type { ModelManifest } from "../lib/dreamsim/model-manifest";
import { testModelUrl, writeTestModel } from "../lib/dreamsim/test-model/write-test-model";
import { coldProfile, demoPictureFile, warmProfile } from "../test/fixtures/demo-pictures";
import { chromiumLaunchOptions } from "./support/chromium";
import {
  computeReferenceEmbeddings,
  type FixturePng,
  makeFixturePngs,
  relativeError,
} from "./support/dreamsim-reference";
import { sharedStudio } from "./support/shared-server";
import { signUpThroughApi, testPassword, uniqueEmail } from "./support/sign-up";
import { type StudioProcess, startStudio } from "./support/studio-process";

const rawEmbeddingsSchema = z.array(
  z.object({ name: z.string(), sha256: z.string(), inputSum: z.number().nullable(), raw: z.array(z.number()) }),
);

/** Both backends, each chosen by the app itself: WebGPU where the browser has an adapter, WebAssembly where it has none. */
const backends = [
  {
    name: "WebAssembly",
    args: chromiumLaunchOptions.args,
    label: /^WebAssembly \(SIMD, 1 thread: page not cross-origin isolated\)/,
  },
  // --enable-unsafe-webgpu gives headless Chromium a SwiftShader (software) adapter.
  {
    name: "WebGPU",
    args: [...chromiumLaunchOptions.args, "--enable-unsafe-webgpu"],
    label: /^WebGPU \(software adapter/,
  },
];

/**
 * One server with the test model (and a small benchmark) serves every spec
 * here that needs the model. Its first account, made before any spec's, is
 * the admin who may run benchmarks.
 */
let studio: StudioProcess;
let benchmarkDir: string;
const researcher = { email: "researcher@example.com", password: testPassword };

test.beforeAll(async ({ playwright }) => {
  writeTestModel();
  benchmarkDir = mkdtempSync(resolve(".tmp/e2e/dreamsim-bench-"));
  writeSmallBenchmark(join(benchmarkDir, "small"));
  studio = await startStudio({ DREAMSIM_MODEL_URL: testModelUrl, BENCHMARK_DIR: benchmarkDir });
  const api = await playwright.request.newContext();
  const signedUp = await api.post(`${studio.url}/api/auth/sign-up`, {
    headers: { Origin: studio.url },
    data: researcher,
  });
  expect(signedUp.status()).toBe(201);
  await api.dispose();
});
test.afterAll(async () => {
  await studio?.stop();
});

test.describe("DreamSim in the browser, on the generated test model", () => {
  let manifest: ModelManifest;
  let pngs: FixturePng[];
  let reference: Awaited<ReturnType<typeof computeReferenceEmbeddings>>;

  test.beforeAll(async () => {
    manifest = writeTestModel();
    pngs = await makeFixturePngs();
    reference = await computeReferenceEmbeddings(manifest, pngs);
  });

  async function loadModel(page: Page, email: string) {
    await signUpThroughApi(page, studio, email);
    await page.goto(`${studio.url}/dreamsim`);
    await page.getByRole("button", { name: "Load the model" }).click();
    await expect(page.getByTestId("dreamsim-backend-label")).toBeVisible({ timeout: 60_000 });
  }

  for (const backend of backends) {
    test(`${backend.name}: the app picks it, and its embeddings match onnxruntime-node's within 1e-3; identical images are 0 apart and a cache hit skips inference`, async ({}, testInfo) => {
      let browser: Browser | undefined;
      try {
        browser = await chromium.launch({ ...chromiumLaunchOptions, args: backend.args });
        const page = await browser.newPage();
        await loadModel(page, `dreamsim-${backend.name.toLowerCase()}@example.com`);
        await expect(page.getByTestId("dreamsim-backend-label")).toHaveText(backend.label);
        await expect(page.getByTestId("dreamsim-backend")).toContainText("test model: random weights, not DreamSim");

        const again = { ...pngs[0]!, name: "same-picture-again.png" };
        await page.getByLabel("Images to embed").setInputFiles([...pngs, again]);
        await expect(page.getByTestId("dreamsim-embedded-row")).toHaveCount(pngs.length + 1, { timeout: 60_000 });
        await page.getByText("Raw embeddings (JSON)").click();
        const embedded = rawEmbeddingsSchema.parse(
          JSON.parse(await page.getByTestId("dreamsim-raw-embeddings").innerText()),
        );

        const errors: Record<string, number> = {};
        for (const png of pngs) {
          const ours = embedded.find((entry) => entry.name === png.name)!;
          const expected = reference.get(png.name)!;
          expect(ours.raw).toHaveLength(manifest.output.branches[0]!.size);
          // The same pre-processed input: the sums of the input tensors agree.
          expect(Math.abs(ours.inputSum! - expected.inputSum) / Math.abs(expected.inputSum)).toBeLessThan(1e-5);
          errors[png.name] = relativeError(ours.raw, expected.raw);
          expect(errors[png.name]).toBeLessThan(1e-3);
        }
        testInfo.annotations.push({
          type: "relative error",
          description: `${backend.name}: ${JSON.stringify(errors)}`,
        });
        console.log(`${backend.name}: largest relative error against onnxruntime-node per image:`, errors);

        const rows = page.getByTestId("dreamsim-embedded-row");
        await expect(rows.first().getByTestId("dreamsim-distance")).toHaveText("0.000000");
        await expect(rows.last()).toContainText("cache hit, no inference");
        await expect(rows.last().getByTestId("dreamsim-distance")).toHaveText("0.000000");
        await expect(rows.nth(1).getByTestId("dreamsim-distance")).not.toHaveText("0.000000");
        expect(embedded.at(-1)!.inputSum).toBeNull();
        await page.screenshot({ path: testInfo.outputPath(`dreamsim-check-${backend.name}.png`), fullPage: true });
      } finally {
        await browser?.close();
      }
    });
  }
});

/** Two candidates in the library, three liked and three disliked references uploaded into their columns, A and B picked. */
async function pickPair(page: Page, url: string) {
  for (const file of [
    await demoPictureFile(coldProfile, 21, "candidate-cold.png"),
    await demoPictureFile(warmProfile, 22, "candidate-warm.png"),
  ]) {
    const response = await page.request.post(`${url}/api/images`, {
      headers: { Origin: url },
      multipart: { files: file },
    });
    expect(response.status()).toBe(201);
  }
  await page.goto(`${url}/assess`);
  await page
    .getByLabel("Choose images to upload into Liked")
    .setInputFiles(await Promise.all([1, 2, 3].map((seed) => demoPictureFile(warmProfile, seed, `liked-${seed}.png`))));
  await expect(page.getByTestId("column-preferred").getByRole("listitem")).toHaveCount(3);
  await page
    .getByLabel("Choose images to upload into Disliked")
    .setInputFiles(
      await Promise.all([4, 5, 6].map((seed) => demoPictureFile(coldProfile, seed, `disliked-${seed}.png`))),
    );
  await expect(page.getByTestId("column-nonPreferred").getByRole("listitem")).toHaveCount(3);
  await page.getByRole("button", { name: "Use candidate-cold.png as Image A" }).click();
  await page.getByRole("button", { name: "Use candidate-warm.png as Image B" }).click();
}

test.describe("the assess page's similarity panel", () => {
  test("without a model installed, says how to install one in one line, asks for no manifest, and the page still assesses", async ({
    page,
  }) => {
    const studio = sharedStudio;
    // The server tells the page that no manifest is there: the browser never asks for it, so its console shows no 404.
    const manifestRequests: string[] = [];
    const notFound: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/manifest.json")) manifestRequests.push(request.url());
    });
    page.on("response", (response) => {
      if (response.status() === 404) notFound.push(response.url());
    });
    await signUpThroughApi(page, studio, uniqueEmail("no-dreamsim"));
    await pickPair(page, studio.url);
    await expect(page.getByTestId("dreamsim-install-hint")).toContainText(
      "No DreamSim model is installed: run python tools/export-dreamsim/export_dreamsim.py",
    );
    await page.getByRole("button", { name: "Assess" }).click();
    await expect(page.getByTestId("answer")).toContainText("Image B");
    await page.goto(`${studio.url}/dreamsim`);
    await expect(page.getByTestId("dreamsim-install-hint")).toBeVisible();
    expect(manifestRequests).toEqual([]);
    expect(notFound).toEqual([]);
  });
});

test.describe("the assess page's similarity panel, with the test model", () => {
  test("shows each candidate's distance to every reference, the nearest of each kind, a vote, its agreement with the model, and timings", async ({
    page,
  }, testInfo) => {
    await signUpThroughApi(page, studio, "similarity@example.com");
    await pickPair(page, studio.url);
    const panel = page.getByTestId("similarity-panel");
    await panel.getByRole("button", { name: "Compare with DreamSim" }).click();
    await expect(panel.getByTestId("similarity-vote")).toContainText(/DreamSim's vote: (Image A|Image B|a tie)/, {
      timeout: 60_000,
    });
    await expect(panel.getByTestId("similarity-candidate")).toHaveCount(2);
    for (const candidate of await panel.getByTestId("similarity-candidate").all()) {
      await expect(candidate.getByTestId("distance-liked")).toHaveCount(3);
      await expect(candidate.getByTestId("distance-disliked")).toHaveCount(3);
      await expect(candidate.getByTestId("nearest-liked").getByRole("img")).toBeVisible();
      await expect(candidate.getByTestId("nearest-disliked").getByRole("img")).toBeVisible();
    }
    await expect(panel.getByTestId("dreamsim-backend-label")).toHaveText(
      /^WebAssembly \(SIMD, 1 thread: page not cross-origin isolated\)/,
    );
    await expect(panel.getByTestId("dreamsim-load-time")).toContainText("ms");
    await expect(panel.getByTestId("similarity-timings")).toContainText("8 embedded, 0 from the cache");

    await page.getByRole("button", { name: "Assess" }).click();
    await expect(page.getByTestId("answer")).toContainText("Image B");
    await expect(panel.getByTestId("similarity-agreement")).toContainText(
      /(Agrees|Disagrees) with the model's answer \(Image B\)/,
    );
    await panel.screenshot({ path: testInfo.outputPath("similarity-panel.png") });

    // The same images again, after a reload: every embedding comes from IndexedDB.
    await page.reload();
    await panel.getByRole("button", { name: "Compare with DreamSim" }).click();
    await expect(panel.getByTestId("similarity-timings")).toContainText("0 embedded, 8 from the cache", {
      timeout: 60_000,
    });
  });
});

/** A four-sample benchmark in PreferImg-Bench's layout (the demo's writer is server code: it runs in a process of its own). */
function writeSmallBenchmark(folder: string) {
  const script = `import("./lib/demo/write-demo-benchmark.ts").then((m) => m.writeDemoBenchmark(${JSON.stringify(folder)}, { sizes: { TEST_SP_ID: 4, TEST_SP_OD: 2 } }))`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "-e", script], {
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
}

test.describe("DreamSim votes for a benchmark run", () => {
  test("are computed in the browser in the background with progress, stored with the run, and exported with its results", async ({
    page,
  }) => {
    // The server's first account: the admin, who may run benchmarks.
    const signedIn = await page.request.post(`${studio.url}/api/auth/sign-in`, {
      headers: { Origin: studio.url },
      data: researcher,
    });
    expect(signedIn.status()).toBe(200);
    const headers = { Origin: studio.url };
    const imported = await page.request.post(`${studio.url}/api/benchmarks/imports`, {
      headers,
      data: { folder: "small", subsets: ["TEST_SP_ID"] },
    });
    expect(imported.status()).toBe(201);
    const subsetId = ((await imported.json()) as { subsets: { id: string }[] }).subsets[0]!.id;
    const started = await page.request.post(`${studio.url}/api/benchmarks/runs`, {
      headers,
      data: { subsetId, endpoint: "baseline", history: 2 },
    });
    expect(started.status()).toBe(201);
    const runId = ((await started.json()) as { run: { id: string } }).run.id;
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get(`${studio.url}/api/benchmarks/runs/${runId}`)).json()) as {
              run: { status: string };
            }
          ).run.status,
        { timeout: 60_000 },
      )
      .toBe("completed");

    await page.goto(`${studio.url}/dreamsim`);
    await page.getByRole("button", { name: "Load the model" }).click();
    await page.getByRole("button", { name: "Compute DreamSim votes" }).click();
    await expect(page.getByLabel(/Samples voted: \d+ of 4/)).toBeVisible();
    await expect(page.getByTestId("run-votes-summary")).toContainText(
      /^4 samples have a DreamSim vote: \d+ agree with the model, \d+ disagree\.$/,
      { timeout: 60_000 },
    );

    const work = (await (await page.request.get(`${studio.url}/api/benchmarks/runs/${runId}/similarity`)).json()) as {
      samples: { similarity: { vote: string; distances: { a: { liked: number[] } } } | null }[];
    };
    expect(work.samples).toHaveLength(4);
    for (const sample of work.samples) {
      expect(sample.similarity?.vote).toMatch(/^(Image A|Image B|tie)$/);
      expect(sample.similarity?.distances.a.liked).toHaveLength(2);
    }
    const csv = await (await page.request.get(`${studio.url}/api/benchmarks/runs/${runId}/export?format=csv`)).text();
    expect(csv.split("\r\n")[1]).toMatch(/,(Image A|Image B|tie),(true|false|)$/);
  });
});
