/**
 * Benchmark evaluation at scale: a generated subset of 1,500 samples (18,000
 * picture references) imported through the import route, then run whole
 * against a fake model server with a low latency at concurrency 16. Prints
 * the import's time and rate, the run's time and throughput beside the
 * ideal N / L, and the process's peak heap and RSS during each; fails
 * (exit code 1) unless every sample has exactly one result.
 *
 *   node --import tsx --conditions=react-server bench/eval-scale.ts [--samples=1500] [--latency-ms=20] [--concurrency=16]
 */
import type { Scenario } from "@/test/fake-model-server";
import { importDemoSubset, measureMemory, option, runToEnd, startBenchApp, startModelServer } from "./eval-support";

const samples = option("samples", 1500);
const latencyMs = option("latency-ms", 20);
const concurrency = option("concurrency", 16);

/** Peak heap and RSS while `work` runs, sampled every 100 ms. */
async function withPeakMemory<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peak: { heapMb: number; rssMb: number } }> {
  const peak = measureMemory();
  const sample = setInterval(() => {
    const now = measureMemory();
    peak.heapMb = Math.max(peak.heapMb, now.heapMb);
    peak.rssMb = Math.max(peak.rssMb, now.rssMb);
  }, 100);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(sample);
  }
}

const memory = ({ heapMb, rssMb }: { heapMb: number; rssMb: number }) =>
  `peak heap ${heapMb.toFixed(0)} MB, peak RSS ${rssMb.toFixed(0)} MB`;

const scenario: Scenario = {
  kind: "stream",
  text: "<answer>Image A</answer>",
  chunkSize: 100,
  firstTokenDelayMs: latencyMs,
};
const model = await startModelServer(scenario);
const generated = performance.now();
const app = await startBenchApp(model, samples);
const generateSeconds = (performance.now() - generated) / 1000;
let isComplete = false;
try {
  console.log(
    `Evaluation at scale: route handlers in this process, embedded database (PGlite), fake model server in a child process answering after ${latencyMs} ms.`,
  );
  console.log(
    `generate: ${samples} samples, ${samples * 12} picture references, written in ${generateSeconds.toFixed(1)} s`,
  );

  const importStarted = performance.now();
  const imported = await withPeakMemory(() => importDemoSubset(app));
  const importSeconds = (performance.now() - importStarted) / 1000;
  const pictures = await app.database.prisma.image.count();
  console.log(
    `import:   ${samples} samples (${pictures} distinct pictures) in ${importSeconds.toFixed(1)} s: ${(samples / importSeconds).toFixed(1)} samples/s; ${memory(imported.peak)}`,
  );

  const run = await withPeakMemory(() => runToEnd(app, imported.result, concurrency));
  const rate = run.result.done / run.result.seconds;
  const ideal = (concurrency * 1000) / latencyMs;
  const results = await app.database.prisma.evaluationResult.groupBy({ by: ["sampleId"], _count: true });
  const repeated = results.filter((row) => row._count > 1).length;
  isComplete =
    run.result.status === "completed" && run.result.done === samples && results.length === samples && repeated === 0;
  console.log(
    `run:      ${run.result.done} of ${samples} done (${run.result.status}) at concurrency ${concurrency} in ${run.result.seconds.toFixed(1)} s: ${rate.toFixed(1)} samples/s (ideal N/L ${ideal.toFixed(0)}: ${(rate / ideal).toFixed(2)}); ${memory(run.peak)}`,
  );
  console.log(
    isComplete
      ? `check:    done = ${samples}, one result per sample`
      : `check FAILED: ${results.length} samples with a result, ${repeated} with more than one`,
  );
} finally {
  await app.close();
  model.stop();
}
process.exitCode = isComplete ? 0 : 1;
