/**
 * Model replicas, side by side in one run (issue 21):
 *
 * 1. Run throughput with one and with two fake replicas. Each replica is a
 *    fake model server in a process of its own that, like a GPU, answers at
 *    most `--batch` requests at once (the others wait their turn) after a
 *    fixed latency L. The run's concurrency is N = 16; the goal is two
 *    replicas at least 1.8x one.
 * 2. Time to first token with and without affinity, against two replicas
 *    that charge a prefill for every picture they have not seen (a prefix
 *    cache): several people's reference sets, each assessed a few times with
 *    new candidates, interleaved, a few at a time, through the app's
 *    provider and replica router.
 *
 *   node --import tsx --conditions=react-server bench/replicas.ts [--latency=500] [--batch=8] [--rounds=12] [--prefill=30]
 */
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { getConfig, reloadConfig } from "@/lib/config";
import { createAssessmentProvider, resolveAssessmentEndpoint } from "@/lib/inference/assessment-endpoints";
import { imageInMemory } from "@/lib/inference/assessment-provider";
import { preferThinkerV1 } from "@/lib/preferthinker/templates/preferthinker-v1";
import type { Scenario } from "@/test/fake-model-server";
import { importDemoSubset, type ModelServer, option, runToEnd, startBenchApp, startModelServer } from "./eval-support";

const latencyMs = option("latency", 500);
const batch = option("batch", 8);
const rounds = option("rounds", 12);
const prefillMs = option("prefill", 30);
const concurrency = 16;
const samples = rounds * concurrency;
const answer: Extract<Scenario, { kind: "stream" }> = {
  kind: "stream",
  text: "<answer>Image A</answer>",
  chunkSize: 400,
  firstTokenDelayMs: latencyMs,
};

/** A replica's counters, asked over its IPC channel. */
async function countsOf(replica: ModelServer): Promise<{ requests: number; prefilledImages: number }> {
  return (await replica.ask()) as { requests: number; prefilledImages: number };
}

// 1. Throughput.
const gpus = await Promise.all([1, 2].map(() => startModelServer({ defaultScenario: answer, capacity: batch })));
const app = await startBenchApp(gpus[0]!, samples, { MODEL_MAX_IN_FLIGHT: String(concurrency) });
const throughput: string[][] = [];
try {
  const subsetId = await importDemoSubset(app);
  // A first run warms the process (pictures encoded for the model are kept), so both measured runs start alike.
  await runToEnd(app, subsetId, concurrency);
  for (const replicas of [1, 2]) {
    process.env.MODEL_API_URL = gpus
      .slice(0, replicas)
      .map((gpu) => gpu.url)
      .join(",");
    reloadConfig();
    const before = await Promise.all(gpus.map(countsOf));
    const run = await runToEnd(app, subsetId, concurrency);
    const after = await Promise.all(gpus.map(countsOf));
    const perReplica = after.map((count, index) => count.requests - before[index]!.requests);
    throughput.push([
      String(replicas),
      String(run.done),
      run.status,
      run.seconds.toFixed(2),
      (run.done / run.seconds).toFixed(1),
      perReplica.slice(0, replicas).join(" / "),
    ]);
  }
} finally {
  await app.close();
  for (const gpu of gpus) gpu.stop();
}

// 2. Affinity.
const people = 12;
const assessmentsEach = 4;
const lanes = 4;
async function picture(): Promise<ReturnType<typeof imageInMemory>> {
  const bytes = await sharp(randomBytes(64 * 64 * 3), { raw: { width: 64, height: 64, channels: 3 } })
    .jpeg()
    .toBuffer();
  return imageInMemory(randomBytes(32).toString("hex"), new Uint8Array(bytes));
}
const sets = await Promise.all(
  Array.from({ length: people }, async () => ({
    preferred: await Promise.all(Array.from({ length: 5 }, picture)),
    nonPreferred: await Promise.all(Array.from({ length: 5 }, picture)),
  })),
);
// Round after round, every person once: a person's next assessment comes after the others'.
const work = await Promise.all(
  Array.from({ length: people * assessmentsEach }, async (_, index) => ({
    ...sets[index % people]!,
    candidates: [await picture(), await picture()],
  })),
);

async function firstTokenTimes(affinity: boolean): Promise<{ medianMs: number; meanMs: number; prefilled: number }> {
  const replicas = await Promise.all(
    [1, 2].map(() =>
      startModelServer({ defaultScenario: { ...answer, firstTokenDelayMs: 20 }, prefillMsPerNewImage: prefillMs }),
    ),
  );
  try {
    Object.assign(process.env, {
      MODEL_API_URL: replicas.map((replica) => replica.url).join(","),
      MODEL_REPLICA_AFFINITY: affinity ? "on" : "off",
    });
    reloadConfig();
    const config = getConfig();
    const provider = createAssessmentProvider(resolveAssessmentEndpoint(config, "default"), config);
    const template = preferThinkerV1;
    const times: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < work.length) {
          const input = work[next++]!;
          const prepared = await provider.prepare({ mode: "fast", template, ...input });
          const started = performance.now();
          let first: number | undefined;
          for await (const event of prepared.stream(new AbortController().signal))
            if (event.type === "delta" && first === undefined) first = performance.now() - started;
          times.push(first!);
        }
      }),
    );
    const prefilled = (await Promise.all(replicas.map(countsOf))).reduce(
      (sum, count) => sum + count.prefilledImages,
      0,
    );
    times.sort((a, b) => a - b);
    return {
      medianMs: times[Math.floor(times.length / 2)]!,
      meanMs: times.reduce((sum, time) => sum + time, 0) / times.length,
      prefilled,
    };
  } finally {
    for (const replica of replicas) replica.stop();
  }
}
const withAffinity = await firstTokenTimes(true);
const withoutAffinity = await firstTokenTimes(false);

console.log(
  `\nRun throughput, N = ${concurrency}, ${samples} samples, replicas answering at most ${batch} at once after L = ${latencyMs} ms (node ${process.version}, ${new Date().toISOString()})\n`,
);
console.log(["replicas", "samples", "status", "seconds", "samples/s", "requests per replica"].join("\t"));
for (const row of throughput) console.log(row.join("\t"));
const [one, two] = throughput.map((row) => Number(row[4]));
console.log(`two replicas: ${(two! / one!).toFixed(2)}x one (goal at least 1.8x)`);

console.log(
  `\nTime to first token, ${people} reference sets x ${assessmentsEach} assessments, ${lanes} at a time, two replicas charging ${prefillMs} ms per unseen picture\n`,
);
console.log(["affinity", "median ms", "mean ms", "pictures prefilled"].join("\t"));
for (const [label, figures] of [
  ["on", withAffinity],
  ["off", withoutAffinity],
] as const)
  console.log([label, figures.medianMs.toFixed(0), figures.meanMs.toFixed(0), String(figures.prefilled)].join("\t"));
console.log(
  `affinity cuts the mean time to first token by ${(100 * (1 - withAffinity.meanMs / withoutAffinity.meanMs)).toFixed(0)}%`,
);
process.exit(0);
