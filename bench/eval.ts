/**
 * Benchmark evaluation at scale, side by side in one run: the import rate
 * of a generated subset (samples/s, pictures decoded and stored), then the
 * throughput of evaluation runs against a fake model server that takes a
 * fixed latency L per request, at concurrency N = 1, 4 and 16, beside the
 * ideal N / L. Goal: at least 0.9 x N / L.
 *
 * The route handlers are called in this process on an embedded database (as
 * bench/gateway.ts does); the model server is a child process on 127.0.0.1.
 *
 *   node --import tsx --conditions=react-server bench/eval.ts [--samples=64] [--latency-ms=200]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { openDatabase } from "@/lib/db/open-database";
import type { Scenario } from "@/test/fake-model-server";
import { callRoute, sessionTokenOf, useTestDatabase } from "@/test/route-harness";

const option = (name: string, fallback: number) => Number(process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const samples = option("samples", 64);
const latencyMs = option("latency-ms", 200);
const concurrencies = [1, 4, 16];

// Fast mode: the answer alone, after the fixed latency, so the figure is the run's own overhead.
const scenario: Scenario = { kind: "stream", text: "<answer>Image A</answer>", chunkSize: 100, firstTokenDelayMs: latencyMs };

function startModelServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/gateway-model-server.ts", JSON.stringify(scenario)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve) => child.once("message", (ready: { url: string }) => resolve({ child, url: ready.url })));
}

const root = mkdtempSync(join(tmpdir(), "studio-bench-eval-"));
const demoDir = join(root, "demo");
const model = await startModelServer();
Object.assign(process.env, { DATA_DIR: join(root, "data"), DEMO_DIR: demoDir, MODEL_API_URL: model.url, MODEL_NAME: "preferthinker-7b", MODEL_MAX_IN_FLIGHT: "64", MODEL_MAX_QUEUED: "1000", DEMO_IMPORT: "off" });
await writeDemoBenchmark(demoDir, { sizes: { TEST_SP_ID: samples } });
const database = await openDatabase({ databaseUrl: undefined, dataDir: join(root, "data") });
// eslint-disable-next-line react-hooks/rules-of-hooks -- the route harness's setter, not a React hook
useTestDatabase(database);
try {
  const routes = {
    signUp: await import("@/app/api/auth/sign-up/route"),
    imports: await import("@/app/api/benchmarks/imports/route"),
    runs: await import("@/app/api/benchmarks/runs/route"),
    run: await import("@/app/api/benchmarks/runs/[id]/route"),
  };
  // The first account is an admin, who may use the benchmarks.
  const session = sessionTokenOf(await callRoute(routes.signUp, "POST", "/api/auth/sign-up", { body: { email: "bench@example.com", password: "a long and unusual passphrase" } }))!;

  const importStarted = performance.now();
  const imported = await callRoute(routes.imports, "POST", "/api/benchmarks/imports", { sessionToken: session, body: { folder: demoDir, subsets: ["TEST_SP_ID"] } });
  const importSeconds = (performance.now() - importStarted) / 1000;
  if (imported.status !== 201) throw new Error(`the import answered ${imported.status}: ${await imported.text()}`);
  const subsetId = ((await imported.json()) as { subsets: { id: string }[] }).subsets[0]!.id;
  console.log(`Evaluation at scale: route handlers in this process, embedded database (PGlite), fake model server in a child process answering after ${latencyMs} ms.`);
  console.log(`import: ${samples} samples, ${samples * 12} picture references, in ${importSeconds.toFixed(1)} s: ${(samples / importSeconds).toFixed(1)} samples/s`);

  console.log("\nconcurrency | samples | seconds | samples/s | ideal N/L | ratio (goal >= 0.90)");
  for (const concurrency of concurrencies) {
    const started = performance.now();
    const created = await callRoute(routes.runs, "POST", "/api/benchmarks/runs", { sessionToken: session, body: { subsetId, endpoint: "default", mode: "fast", concurrency } });
    if (created.status !== 201) throw new Error(`starting a run answered ${created.status}: ${await created.text()}`);
    const runId = ((await created.json()) as { run: { id: string } }).run.id;
    let status = "queued";
    let done = 0;
    while (status === "queued" || status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const { run } = (await (await callRoute(routes.run, "GET", `/api/benchmarks/runs/${runId}`, { sessionToken: session, params: { id: runId } })).json()) as { run: { status: string; progress: { done: number } } };
      status = run.status;
      done = run.progress.done;
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = done / seconds;
    const ideal = (concurrency * 1000) / latencyMs;
    console.log(`${String(concurrency).padStart(11)} | ${String(done).padStart(7)} | ${seconds.toFixed(2).padStart(7)} | ${rate.toFixed(2).padStart(9)} | ${ideal.toFixed(2).padStart(9)} | ${(rate / ideal).toFixed(2).padStart(5)}${status === "completed" ? "" : ` (run ${status})`}`);
  }
} finally {
  await database.close();
  model.child.disconnect();
  rmSync(root, { recursive: true, force: true });
}
