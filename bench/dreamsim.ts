/**
 * DreamSim in a real browser (Debian Chromium, production build): model load
 * time and per-image embedding time (inference alone, median of 20 after a
 * warm-up) on each backend, printed from the browser's own measurements.
 * Runs the generated TEST model always, and the installed real model when
 * public/models/dreamsim/manifest.json exists. Here WebGPU is Chromium's
 * software adapter (SwiftShader, via --enable-unsafe-webgpu), labelled as such:
 * its figures say nothing about a real GPU. Goal for the real model on a
 * real GPU: under 30 ms per image on WebGPU.
 *
 *   node --import tsx --conditions=react-server bench/dreamsim.ts
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { testModelUrl, writeTestModel } from "../lib/dreamsim/test-model/write-test-model";
import { chromiumLaunchOptions } from "../e2e/support/chromium";
import { startStudio } from "../e2e/support/studio-process";

const backends = [
  { choice: "wasm", args: chromiumLaunchOptions.args },
  { choice: "webgpu", args: [...chromiumLaunchOptions.args, "--enable-unsafe-webgpu"] },
] as const;

writeTestModel();
const models = [testModelUrl];
if (existsSync("public/models/dreamsim/manifest.json")) models.push("/models/dreamsim/");

const rows: string[][] = [];
for (const model of models) {
  const studio = await startStudio({ DREAMSIM_MODEL_URL: model, DEMO_DATA: "off" });
  try {
    let account = 0;
    for (const backend of backends) {
      const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...backend.args] });
      try {
        const page = await browser.newPage({ baseURL: studio.url });
        await page.request.post("/api/auth/sign-up", {
          headers: { Origin: studio.url },
          data: { email: `bench-${account++}@example.com`, password: "a long and unusual passphrase" },
        });
        await page.goto("/dreamsim");
        await page.getByLabel("Backend").selectOption(backend.choice);
        await page.getByRole("button", { name: "Load the model" }).click();
        const loadTime = page.getByTestId("dreamsim-load-time");
        await loadTime.waitFor({ timeout: 300_000 });
        const label = (await page.getByTestId("dreamsim-backend-label").innerText()).trim();
        const variant =
          (await page.getByTestId("dreamsim-backend").locator("dd").first().getAttribute("data-variant")) ?? "";
        await page.getByRole("button", { name: "Measure speed (20 images)" }).click();
        const speed = page.getByTestId("dreamsim-speed");
        await speed.waitFor({ timeout: 600_000 });
        rows.push([
          variant,
          label,
          `${Number(await loadTime.getAttribute("data-total-ms")).toFixed(0)} ms`,
          `${Number(await speed.getAttribute("data-median-ms")).toFixed(1)} ms`,
        ]);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await studio.stop();
  }
}

const header = ["model", "backend (as the browser reports it)", "model load", "per image (median of 20)"];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
console.log(
  `\nDreamSim in Debian Chromium on this machine (${process.arch}, no GPU: "software adapter" is SwiftShader on the CPU)\n`,
);
console.log(line(header));
console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
console.log(
  "\nModel load: download, sha256 check and session creation (WebAssembly compile or WebGPU shader set-up). Per image: inference alone on a 224x224 input.",
);
