import { type Browser, chromium, expect, type Page, test } from "@playwright/test";
import { z } from "zod";
import type { ModelManifest } from "../lib/dreamsim/model-manifest";
import { testModelUrl, writeTestModel } from "../lib/dreamsim/test-model/write-test-model";
import { chromiumLaunchOptions } from "./support/chromium";
import { computeReferenceEmbeddings, type FixturePng, makeFixturePngs, relativeError } from "./support/dreamsim-reference";
import { signUpThroughApi } from "./support/sign-up";
import { type StudioProcess, startStudio } from "./support/studio-process";

const rawEmbeddingsSchema = z.array(z.object({ name: z.string(), sha256: z.string(), inputSum: z.number().nullable(), raw: z.array(z.number()) }));

/** Both backends, each chosen by the app itself: WebGPU where the browser has an adapter, WebAssembly where it has none. */
const backends = [
  { name: "WebAssembly", args: chromiumLaunchOptions.args, label: /^WebAssembly \(SIMD, 1 thread: page not cross-origin isolated\)/ },
  // --enable-unsafe-webgpu gives headless Chromium a SwiftShader (software) adapter.
  { name: "WebGPU", args: [...chromiumLaunchOptions.args, "--enable-unsafe-webgpu"], label: /^WebGPU \(software adapter/ },
];

test.describe("DreamSim in the browser, on the generated test model", () => {
  let studio: StudioProcess;
  let manifest: ModelManifest;
  let pngs: FixturePng[];
  let reference: Awaited<ReturnType<typeof computeReferenceEmbeddings>>;

  test.beforeAll(async () => {
    manifest = writeTestModel();
    pngs = await makeFixturePngs();
    reference = await computeReferenceEmbeddings(manifest, pngs);
    studio = await startStudio({ DREAMSIM_MODEL_URL: testModelUrl });
  });
  test.afterAll(async () => {
    await studio?.stop();
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
        const embedded = rawEmbeddingsSchema.parse(JSON.parse(await page.getByTestId("dreamsim-raw-embeddings").innerText()));

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
        testInfo.annotations.push({ type: "relative error", description: `${backend.name}: ${JSON.stringify(errors)}` });
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
