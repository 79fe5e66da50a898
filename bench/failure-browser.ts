/**
 * The failure browser over 10,000 stored results, in a real browser (Debian
 * Chromium, production build): how long a filter change takes to show the
 * updated list (from the select's change to the count and the list's first
 * row in the page), and the text search's round trip. Goal: a filter change
 * under 100 ms.
 *
 * A demo subset of --samples samples is imported once, then --runs results
 * files of it (varied answers, issues and lengths) are imported as runs:
 * samples × runs results, all browsed at once.
 *
 *   node --import tsx --conditions=react-server bench/failure-browser.ts [--samples=500] [--runs=20]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { toResultRow, toResultsFile } from "@/lib/preferthinker/results-format";
import { chromiumLaunchOptions } from "../e2e/support/chromium";
import { startStudio } from "../e2e/support/studio-process";

const option = (name: string, fallback: number) =>
  Number(process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const samples = option("samples", 500);
const runs = Math.min(20, option("runs", 20));

const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-a.txt", "utf8");
const other = (label: string) => (label === "Image A" ? "Image B" : "Image A");
/** Right mostly; some wrong, some without an answer, some with a total that does not add up. */
function outputFor(label: string, sample: number, run: number): string {
  const kind = (sample * 7 + run * 3) % 20;
  if (kind === 0) return transcript.slice(0, transcript.indexOf("<answer>"));
  const answered = transcript.replace(
    /<answer>[\s\S]*<\/answer>/,
    `<answer>${kind < 4 ? other(label) : label}</answer>`,
  );
  return kind === 5 ? answered.replace("=11", "=12") : answered;
}

const root = mkdtempSync(join(tmpdir(), "studio-bench-browser-"));
const demoDir = join(root, "demo");
console.log(`Writing a demo subset of ${samples} samples…`);
await writeDemoBenchmark(demoDir, { sizes: { TEST_SP_ID: samples } });
const studio = await startStudio({ DEMO_DIR: demoDir, DEMO_IMPORT: "off" });
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const context = await browser.newContext({ baseURL: studio.url, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const post = (path: string, data: unknown) =>
    page.request.post(path, { headers: { Origin: studio.url }, data, timeout: 600_000 });
  await post("/api/auth/sign-up", { email: "bench@example.com", password: "a long and unusual passphrase" });
  const imported = await post("/api/benchmarks/imports", { folder: "demo", subsets: ["TEST_SP_ID"] });
  if (imported.status() !== 201) throw new Error(`the import answered ${imported.status()}: ${await imported.text()}`);
  const subsetId = ((await imported.json()) as { subsets: { id: string }[] }).subsets[0]!.id;
  const data = JSON.parse(readFileSync(join(demoDir, "data/TEST_SP_ID/TEST_SP_ID.json"), "utf8")) as {
    imageA: string;
    imageB: string;
    conversations: { value: string }[];
  }[];
  const runIds: string[] = [];
  for (let run = 0; run < runs; run++) {
    const rows = data.map((sample, index) =>
      toResultRow(
        { imageA: sample.imageA, imageB: sample.imageB, question: "", label: sample.conversations.at(-1)!.value },
        outputFor(sample.conversations.at(-1)!.value, index, run),
      ),
    );
    const response = await post(`/api/benchmarks/subsets/${subsetId}/results?model=bench-${run}`, toResultsFile(rows));
    if (response.status() !== 201)
      throw new Error(`results file ${run} answered ${response.status()}: ${await response.text()}`);
    runIds.push(((await response.json()) as { run: { id: string } }).run.id);
  }
  const total = samples * runs;
  console.log(`${total} results stored in ${runs} runs.`);

  const loadStarted = Date.now();
  await page.goto(`/benchmarks/results?runs=${runIds.join(",")}`);
  await page
    .getByTestId("result-count")
    .filter({ hasText: `of ${total} results shown` })
    .waitFor({ timeout: 120_000 });
  console.log(`first load of the page with ${total} rows: ${Date.now() - loadStarted} ms`);

  /** Changes a select and measures, in the page, the time until the list shows the new view (the count carries the view it reflects) and the next frame starts. */
  const timeChange = (selectId: string, value: string) =>
    page.evaluate(
      ({ selectId, value }) =>
        new Promise<{ ms: number; text: string }>((resolve) => {
          const count = document.querySelector('[data-testid="result-count"]')!;
          const before = count.getAttribute("data-view");
          const select = document.getElementById(selectId) as HTMLSelectElement;
          const started = performance.now();
          const observer = new MutationObserver(() => {
            if (count.getAttribute("data-view") === before) return;
            observer.disconnect();
            // The list has been painted once the next frame starts.
            requestAnimationFrame(() => resolve({ ms: performance.now() - started, text: count.textContent ?? "" }));
          });
          observer.observe(count, { attributes: true, attributeFilter: ["data-view"] });
          select.value = value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }),
      { selectId, value },
    );

  const steps: [string, string, string][] = [
    ["filter-outcome", "wrong", "outcome: wrong"],
    ["filter-issue", "any", "with any issue"],
    ["filter-answer", "none", "no answer"],
    ["filter-answer", "", "any answer"],
    ["filter-label", "A", "label A"],
    ["filter-issue", "", "any issue or none"],
    ["filter-outcome", "", "right or wrong"],
    ["filter-label", "", "any label"],
  ];
  const timings: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const [id, value, name] of steps) {
      const { ms, text } = await timeChange(id, value);
      timings.push(ms);
      if (round === 0) console.log(`  ${name.padEnd(20)} ${ms.toFixed(1).padStart(6)} ms  (${text})`);
    }
  }
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(timings.length / 2)]!;
  const worst = timings.at(-1)!;
  console.log(
    `filter change over ${total} results, ${timings.length} changes: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms (goal: under 100 ms) ${worst < 100 ? "met" : "missed"}`,
  );

  // From the search leaving the typing pause (the view takes the text) to the list filtered by the server's answer.
  await page.getByLabel("Text in the output").fill("atmosphere over fine detail");
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="result-count"]')?.getAttribute("data-view")?.includes("q="),
  );
  const searchStarted = Date.now();
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="result-count"]')?.textContent?.includes("searching"),
  );
  console.log(
    `text search over ${total} outputs, from the query sent to the list filtered: ${Date.now() - searchStarted} ms (${await page.getByTestId("result-count").textContent()})`,
  );
  const heap = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  if (heap) console.log(`page heap with ${total} rows: ${(heap / 2 ** 20).toFixed(1)} MB`);
} finally {
  await browser.close();
  await studio.stop();
  rmSync(root, { recursive: true, force: true });
}
