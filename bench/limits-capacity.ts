/**
 * How long a person's assessment waits while evaluation runs keep the model
 * server busy: three runs of 32 lanes each (concurrency 32) on one endpoint
 * of MODEL_MAX_IN_FLIGHT=8, a fake model server answering each request after
 * a fixed latency, and one assessment at a time posted to
 * POST /api/assessments. Measured from the POST to its `started` event (its
 * place at the model server: admission) and to its first token. Goal: the
 * wait for admission under one model latency.
 *
 * Side by side in one run: EVAL_SHARE=0.75 (the default: the runs' lanes hold
 * at most 6 of the 8 slots) and EVAL_SHARE=1 (the runs may hold every slot,
 * as before the share existed; people still go ahead of waiting lanes, so a
 * person waits for the next slot to free, not behind the 90 lanes; before
 * that order existed they waited behind up to MODEL_MAX_QUEUED lanes, or got
 * a 429 once the lanes filled the queue).
 *
 * Each setting runs in a fresh child process (this file with
 * `--measure-share=S`): the route handlers in that process on an embedded
 * database (bench/eval-support.ts), the model server in a process of its own
 * (bench/gateway-model-server.ts). The assessments are spread over one model
 * latency, so they arrive at every point of the runs' request cycle.
 *
 *   node --import tsx --conditions=react-server bench/limits-capacity.ts [--latency-ms=1000] [--tries=8] [--samples=64]
 *
 * Not a test: it prints figures.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { getConfig } from "@/lib/config";
import { getAdmissionQueue, resolveAssessmentEndpoint } from "@/lib/inference/assessment-endpoints";
import type { Scenario } from "@/test/fake-model-server";
import { makeJpeg } from "@/test/image-samples";
import { callRoute } from "@/test/route-harness";
import { type BenchApp, importDemoSubset, option, startBenchApp, startModelServer } from "./eval-support";

/** One line of the table: one EVAL_SHARE setting. */
export type Row = string[];
export const interactiveWaitHeader = [
  "EVAL_SHARE",
  "runs' slots",
  "model latency",
  "admission wait (median / max)",
  "first token (median / max)",
  "waited in line",
  "under one latency",
  "runs' samples/s",
];

const shares = [0.75, 1];
const maxInFlight = 8;
const runs = 3;
const lanesPerRun = 32;
const answer = "<answer>Image A</answer>";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const wait = (ms: number) => new Promise((settle) => setTimeout(settle, ms));

/** Milliseconds from the POST to the `started` event and to the first `delta`, and whether it was told a place in line. */
type Timing = { admitted: number; firstToken: number; waitedInLine: boolean };

async function readTiming(response: Response, sentAt: number): Promise<Timing> {
  const timing: Timing = { admitted: Number.NaN, firstToken: Number.NaN, waitedInLine: false };
  let status = "unfinished";
  const events = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  for await (const message of events) {
    const at = performance.now() - sentAt;
    if (message.event === "queued") timing.waitedInLine = true;
    else if (message.event === "started") timing.admitted = at;
    else if (message.event === "delta" && Number.isNaN(timing.firstToken)) timing.firstToken = at;
    else if (message.event === "done") status = (JSON.parse(message.data) as { status: string }).status;
  }
  if (status !== "completed") throw new Error(`an assessment ended ${status}`);
  return timing;
}

/** Uploads the six pictures of one assessment; its body for POST /api/assessments. */
async function prepareAssessment(app: BenchApp) {
  const images = await import("@/app/api/images/route");
  const form = new FormData();
  for (let index = 0; index < 6; index++)
    form.append(
      "files",
      new Blob([new Uint8Array(await makeJpeg(64, 48, { seed: 40 * index }))]),
      `image-${index}.jpg`,
    );
  const uploaded = (await (
    await callRoute(images, "POST", "/api/images", { sessionToken: app.session, body: form })
  ).json()) as { files: { image: { id: string } }[] };
  const ids = uploaded.files.map((file) => file.image.id);
  return {
    preferredImageIds: ids.slice(0, 2),
    nonPreferredImageIds: ids.slice(2, 4),
    candidateImageIds: ids.slice(4, 6),
  };
}

/** In a fresh process: the runs started, the assessments timed, one row. */
async function measureOneShare(share: number): Promise<Row> {
  const latencyMs = option("latency-ms", 1000);
  const tries = option("tries", 8);
  const samples = option("samples", 64);
  const scenario: Scenario = { kind: "stream", text: answer, chunkSize: answer.length, firstTokenDelayMs: latencyMs };
  const model = await startModelServer(scenario);
  const app = await startBenchApp(model, samples, {
    MODEL_MAX_IN_FLIGHT: String(maxInFlight),
    MODEL_MAX_QUEUED: "64",
    EVAL_SHARE: String(share),
    RUNS_PER_USER: String(runs),
    ASSESSMENTS_PER_USER: "2",
    PUBLIC_URL: "http://studio.test",
  });
  try {
    const subsetId = await importDemoSubset(app);
    const assessment = await prepareAssessment(app);
    const routes = {
      runs: await import("@/app/api/benchmarks/runs/route"),
      cancel: await import("@/app/api/benchmarks/runs/[id]/cancel/route"),
      assessments: await import("@/app/api/assessments/route"),
    };
    const queue = getAdmissionQueue(resolveAssessmentEndpoint(getConfig(), "default"), getConfig(), app.database);

    const runIds: string[] = [];
    for (let run = 0; run < runs; run++) {
      const created = await callRoute(routes.runs, "POST", "/api/benchmarks/runs", {
        sessionToken: app.session,
        body: { subsetId, endpoint: "default", mode: "fast", concurrency: lanesPerRun, freshOutputs: true },
      });
      const body = (await created.json()) as { run: { id: string; status: string } };
      if (body.run.status !== "running") throw new Error(`run ${run + 1} is ${body.run.status}, not running`);
      runIds.push(body.run.id);
    }
    // The runs hold every slot they may, with lanes waiting behind, for a whole cycle before the first assessment.
    for (
      let stats = await queue.readStats();
      stats.evaluationInFlight < queue.evaluationSlots || stats.evaluationQueued === 0;
      stats = await queue.readStats()
    )
      await wait(10);
    await wait(latencyMs);
    const requestsAtStart = await queue.readStats();

    const startedAt = performance.now();
    const doneBefore = await countResults(app, runIds);
    const timings: Timing[] = [];
    for (let index = 0; index < tries; index++) {
      // Spread over one latency, so the tries meet the runs' requests at every stage.
      await wait(((index * 0.618) % 1) * latencyMs);
      const sentAt = performance.now();
      const response = await callRoute(routes.assessments, "POST", "/api/assessments", {
        sessionToken: app.session,
        body: assessment,
      });
      if (response.status !== 200)
        throw new Error(`POST /api/assessments answered ${response.status}: ${await response.text()}`);
      timings.push(await readTiming(response, sentAt));
    }
    const samplesPerSecond =
      ((await countResults(app, runIds)) - doneBefore) / ((performance.now() - startedAt) / 1000);
    const runsStillGoing = (await queue.readStats()).evaluationQueued > 0;
    for (const id of runIds)
      await callRoute(routes.cancel, "POST", `/api/benchmarks/runs/${id}/cancel`, {
        sessionToken: app.session,
        params: { id },
      });
    if (!runsStillGoing) throw new Error("the runs ran out of samples before the last assessment: raise --samples");

    const admitted = timings.map((timing) => timing.admitted);
    const firstToken = timings.map((timing) => timing.firstToken);
    return [
      String(share),
      `${requestsAtStart.evaluationInFlight} of ${maxInFlight}`,
      `${latencyMs} ms`,
      `${median(admitted).toFixed(0)} / ${Math.max(...admitted).toFixed(0)} ms`,
      `${median(firstToken).toFixed(0)} / ${Math.max(...firstToken).toFixed(0)} ms`,
      `${timings.filter((timing) => timing.waitedInLine).length} of ${tries}`,
      Math.max(...admitted) < latencyMs ? "yes" : "no",
      samplesPerSecond.toFixed(1),
    ];
  } finally {
    await app.close();
    model.stop();
  }
}

async function countResults(app: BenchApp, runIds: string[]): Promise<number> {
  return app.database.prisma.evaluationResult.count({ where: { runId: { in: runIds } } });
}

/**
 * One row per EVAL_SHARE setting, each measured in a fresh child process
 * (the configuration is read once per process). The figures are printed by
 * the caller.
 */
export async function measureInteractiveWait(): Promise<Row[]> {
  const forwarded = process.argv.filter((argument) => /^--(latency-ms|tries|samples)=/.test(argument));
  const rows: Row[] = [];
  for (const share of shares) {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=react-server",
        new URL(import.meta.url).pathname,
        `--measure-share=${share}`,
        ...forwarded,
      ],
      { stdio: ["ignore", "inherit", "inherit", "ipc"] },
    );
    const row = await new Promise<Row>((settle, fail) => {
      let received: Row | undefined;
      child.on("message", (message: { row: Row }) => (received = message.row));
      child.on("exit", (code) =>
        received ? settle(received) : fail(new Error(`the measurement with EVAL_SHARE=${share} exited with ${code}`)),
      );
    });
    rows.push(row);
  }
  return rows;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
const measureShare = process.argv.find((argument) => argument.startsWith("--measure-share="))?.split("=")[1];
if (isMain && measureShare !== undefined) {
  const row = await measureOneShare(Number(measureShare));
  process.send!({ row }, () => process.exit(0));
} else if (isMain) {
  const rows = await measureInteractiveWait();
  console.log(
    `A person's assessment while ${runs} runs of ${lanesPerRun} lanes use one endpoint of MODEL_MAX_IN_FLIGHT=${maxInFlight}; fake model server with a fixed latency; route handlers in-process, embedded database.`,
  );
  console.log(`| ${interactiveWaitHeader.join(" | ")} |\n|${interactiveWaitHeader.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}
