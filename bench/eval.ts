/**
 * Benchmark evaluation throughput, side by side in one run: the import rate
 * of a generated subset, then evaluation runs against a fake model server
 * that answers after a fixed latency L, at concurrency N = 1, 4 and 16.
 * Each run is set beside the ideal N / L and beside a bare client sending
 * the same request to the same server at the same concurrency (what the
 * machine allows with no app in between). Goal: at least 0.9 x N / L.
 *
 * The route handlers are called in this process on an embedded database (as
 * bench/gateway.ts does); the model server is a child process on 127.0.0.1.
 *
 *   node --import tsx --conditions=react-server bench/eval.ts [--samples=320] [--latency-ms=200] [--concurrency=1,4,16]
 */
import type { Scenario } from "@/test/fake-model-server";
import { directRate, importDemoSubset, option, runToEnd, startBenchApp, startModelServer } from "./eval-support";

// 20 rounds at 16 at once: fewer, and the run's fixed start (creating it, reading its samples) weighs on the rate.
const samples = option("samples", 320);
const latencyMs = option("latency-ms", 200);
const concurrencies = (
  process.argv.find((argument) => argument.startsWith("--concurrency="))?.split("=")[1] ?? "1,4,16"
)
  .split(",")
  .map(Number);

// Fast mode: the answer alone, after the fixed latency, so the figure is the run's own overhead.
const scenario: Scenario = {
  kind: "stream",
  text: "<answer>Image A</answer>",
  chunkSize: 100,
  firstTokenDelayMs: latencyMs,
};

const model = await startModelServer(scenario);
const app = await startBenchApp(model, samples);
try {
  const importStarted = performance.now();
  const subsetId = await importDemoSubset(app);
  const importSeconds = (performance.now() - importStarted) / 1000;
  console.log(
    `Evaluation throughput: route handlers in this process, embedded database (PGlite), fake model server in a child process answering after ${latencyMs} ms.`,
  );
  console.log(
    `import: ${samples} samples, ${samples * 12} picture references, in ${importSeconds.toFixed(1)} s: ${(samples / importSeconds).toFixed(1)} samples/s`,
  );

  console.log(
    "\nconcurrency | samples | seconds | samples/s | ideal N/L | ratio to ideal (goal >= 0.90) | bare client samples/s | ratio to bare client",
  );
  const freshRates = new Map<number, number>();
  for (const concurrency of concurrencies) {
    const run = await runToEnd(app, subsetId, concurrency);
    const rate = run.done / run.seconds;
    freshRates.set(concurrency, rate);
    const ideal = (concurrency * 1000) / latencyMs;
    const direct = await directRate(model, await model.lastRequestBody(), samples, concurrency);
    console.log(
      `${String(concurrency).padStart(11)} | ${String(run.done).padStart(7)} | ${run.seconds.toFixed(2).padStart(7)} | ${rate.toFixed(2).padStart(9)} | ${ideal.toFixed(2).padStart(9)} | ${(rate / ideal).toFixed(2).padStart(29)} | ${direct.toFixed(2).padStart(21)} | ${(rate / direct).toFixed(2).padStart(20)}${run.status === "completed" ? "" : ` (run ${run.status})`}`,
    );
  }

  // The same subset again with unchanged settings: every output is a kept one, and the model server is asked nothing.
  console.log(
    "\ncached re-run | samples | seconds | samples/s | model requests | fresh run samples/s | multiple of the fresh run (goal >= 20 at L = 200 ms)",
  );
  for (const concurrency of concurrencies) {
    const asked = ((await model.ask()) as { requests: number }).requests;
    const run = await runToEnd(app, subsetId, concurrency, { reuse: true });
    const requests = ((await model.ask()) as { requests: number }).requests - asked;
    const rate = run.done / run.seconds;
    const fresh = freshRates.get(concurrency)!;
    console.log(
      `${`N = ${concurrency}`.padStart(13)} | ${String(run.done).padStart(7)} | ${run.seconds.toFixed(2).padStart(7)} | ${rate.toFixed(1).padStart(9)} | ${String(requests).padStart(14)} | ${fresh.toFixed(2).padStart(19)} | ${(rate / fresh).toFixed(1).padStart(52)}${run.status === "completed" ? "" : ` (run ${run.status})`}`,
    );
  }
} finally {
  await app.close();
  model.stop();
}
