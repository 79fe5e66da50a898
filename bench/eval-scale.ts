/**
 * Benchmark evaluation at scale: a subset of 1,500 samples and one of
 * `--samples` (default 100,000), side by side, each imported through the
 * import route and run whole against a fake model server with a low latency.
 * The samples are those of `--people` simulated people of the demo
 * generator (twelve pictures each), repeated with the candidates swapped
 * every other round, so pictures are shared between samples as a
 * generator makes them and the two sizes differ only in their sample count.
 *
 * Each size runs in a process of its own (a fresh embedded database), which
 * reports the import's and the run's times and the process's peak heap and
 * RSS during each. The goal: the large subset's peak RSS within 1.3x the
 * small one's. Exit code 1 unless every sample of both has exactly one result.
 *
 *   node --import tsx --conditions=react-server bench/eval-scale.ts [--samples=100000] [--people=100] [--latency-ms=20] [--concurrency=16]
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "@/test/fake-model-server";
import { importDemoSubset, measureMemory, option, runToEnd, startBenchApp, startModelServer } from "./eval-support";

const samples = option("samples", 100_000);
const people = option("people", 100);
const latencyMs = option("latency-ms", 20);
const concurrency = option("concurrency", 16);
const smallSize = 1500;

type Peak = { heapMb: number; rssMb: number };
type SizeFigures = {
  samples: number;
  pictures: number;
  writeSeconds: number;
  import: { seconds: number; peak: Peak };
  run: { seconds: number; done: number; status: string; peak: Peak };
  withResult: number;
  repeated: number;
};

/** Peak heap and RSS while `work` runs, sampled every 100 ms. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peak: Peak }> {
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

/** A line on stderr every minute while a run goes: how far it is, and the memory taken (a large run takes a while). */
function reportProgress(
  app: { database: { prisma: { evaluationResult: { count(): Promise<number> } } } },
  total: number,
) {
  const started = performance.now();
  return setInterval(() => {
    void app.database.prisma.evaluationResult.count().then((done) => {
      const { rssMb, heapMb } = measureMemory();
      console.error(
        `  ${total} samples: ${done} done after ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${rssMb.toFixed(0)} MB, heap ${heapMb.toFixed(0)} MB`,
      );
    });
  }, 60_000);
}

/**
 * Replaces the demo's TEST_SP_ID file with `count` samples made of its
 * people's, written as a stream: sample i is person i mod P's, with the
 * candidates (and the label) swapped in every other round.
 */
async function writeLargeSubset(demoDir: string, count: number): Promise<void> {
  const path = join(demoDir, "data", "TEST_SP_ID", "TEST_SP_ID.json");
  const base = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>[];
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write("[\n");
  for (let index = 0; index < count; index++) {
    const sample = { ...base[index % base.length]! };
    if (Math.floor(index / base.length) % 2 === 1) {
      [sample.imageA, sample.imageB] = [sample.imageB, sample.imageA];
      const label = (sample.conversations as { value: string }[])[0]!.value;
      sample.conversations = [{ from: "gpt", value: label === "Image A" ? "Image B" : "Image A" }];
    }
    sample.user_id = `${String(sample.user_id)}-${Math.floor(index / base.length)}`;
    await write(`${index === 0 ? "" : ",\n"}${JSON.stringify(sample)}`);
  }
  await write("\n]\n");
  out.end();
  await once(out, "finish");
}

/** A full collection where the process was started with --expose-gc (the child processes are). */
function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}

/** One size, in this process: written, imported, run, checked. */
async function measureSize(count: number): Promise<SizeFigures> {
  const scenario: Scenario = {
    kind: "stream",
    text: "<answer>Image A</answer>",
    chunkSize: 100,
    firstTokenDelayMs: latencyMs,
  };
  const model = await startModelServer({ defaultScenario: scenario, keepLastBodyOnly: true });
  const app = await startBenchApp(model, people);
  try {
    const written = performance.now();
    await writeLargeSubset(app.demoDir, count);
    const writeSeconds = (performance.now() - written) / 1000;
    // Writing the file is the bench's own work: its garbage is collected before the import's peak is read.
    collectGarbage();
    const importStarted = performance.now();
    const imported = await withPeakMemory(() => importDemoSubset(app));
    const importSeconds = (performance.now() - importStarted) / 1000;
    const progress = reportProgress(app, count);
    const run = await withPeakMemory(() => runToEnd(app, imported.result, concurrency)).finally(() =>
      clearInterval(progress),
    );
    const [check] = await app.database.prisma.$queryRaw<{ results: bigint; samples: bigint }[]>`
      SELECT count(*) AS results, count(DISTINCT sample_id) AS samples FROM evaluation_result`;
    return {
      samples: count,
      pictures: await app.database.prisma.image.count(),
      writeSeconds,
      import: { seconds: importSeconds, peak: imported.peak },
      run: { ...run.result, peak: run.peak },
      withResult: Number(check!.samples),
      repeated: Number(check!.results - check!.samples),
    };
  } finally {
    await app.close();
    model.stop();
  }
}

/** A size measured in a child process, so each has its own peak. */
async function measureInChild(count: number): Promise<SizeFigures> {
  const child = spawn(
    process.execPath,
    [
      "--expose-gc",
      "--import",
      "tsx",
      "--conditions=react-server",
      "bench/eval-scale.ts",
      `--measure=${count}`,
      `--people=${people}`,
      `--latency-ms=${latencyMs}`,
      `--concurrency=${concurrency}`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  const line = output.split("\n").find((text) => text.startsWith("FIGURES "));
  if (code !== 0 || !line) throw new Error(`measuring ${count} samples failed (exit ${code}):\n${output}`);
  return JSON.parse(line.slice("FIGURES ".length)) as SizeFigures;
}

const measure = option("measure", 0);
if (measure > 0) {
  const figures = await measureSize(measure);
  console.log(`FIGURES ${JSON.stringify(figures)}`);
  process.exit(0);
}

console.log(
  `Evaluation at scale: route handlers in one process per size, embedded database (PGlite), ${people} simulated people's samples repeated, fake model server answering after ${latencyMs} ms, concurrency ${concurrency} (node ${process.version}, ${new Date().toISOString()})\n`,
);
const sizes: SizeFigures[] = [];
for (const count of [smallSize, samples]) {
  sizes.push(await measureInChild(count));
  console.error(`measured ${count} samples`);
}
const rows = sizes.map((size) => [
  String(size.samples),
  String(size.pictures),
  size.import.seconds.toFixed(1),
  (size.samples / size.import.seconds).toFixed(0),
  size.import.peak.rssMb.toFixed(0),
  size.run.seconds.toFixed(1),
  (size.run.done / size.run.seconds).toFixed(1),
  size.run.peak.heapMb.toFixed(0),
  size.run.peak.rssMb.toFixed(0),
  `${size.withResult}/${size.samples}, ${size.repeated} repeated`,
]);
console.log(
  [
    "samples",
    "pictures",
    "import s",
    "samples/s",
    "import peak RSS MB",
    "run s",
    "samples/s",
    "run peak heap MB",
    "run peak RSS MB",
    "one result each",
  ].join("\t"),
);
for (const row of rows) console.log(row.join("\t"));
const [small, large] = sizes as [SizeFigures, SizeFigures];
const peakOf = (size: SizeFigures) => Math.max(size.import.peak.rssMb, size.run.peak.rssMb);
console.log(
  `\npeak RSS: ${large.samples} samples ${peakOf(large).toFixed(0)} MB, ${small.samples} samples ${peakOf(small).toFixed(0)} MB: ${(peakOf(large) / peakOf(small)).toFixed(2)}x (goal at most 1.3x)`,
);
const complete = sizes.every(
  (size) =>
    size.run.status === "completed" &&
    size.run.done === size.samples &&
    size.withResult === size.samples &&
    size.repeated === 0,
);
console.log(complete ? "check: every sample has exactly one result" : "check FAILED: see the last column");
process.exitCode = complete ? 0 : 1;
