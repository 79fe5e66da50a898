import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { getConfig } from "@/lib/config";
import { createEvaluationRun } from "@/lib/db/evaluation-runs";
import { getAdmissionQueue, resolveAssessmentEndpoint } from "@/lib/inference/assessment-endpoints";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { lookForWork, startEvaluationWorkers, stopEvaluationWorkers } from "@/lib/server/benchmarks/evaluation-workers";
import { importBenchmarkFolder } from "@/test/fixtures/benchmark-imports";
import { type FakeModelServer, type RecordedRequest, startFakeModelServer } from "@/test/fake-model-server";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { waitForRunToEnd } from "@/test/fixtures/evaluation-runs";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { makePng } from "@/test/image-samples";
import { readSseEvents } from "@/test/read-sse-events";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/**
 * The model's capacity shared between evaluation runs and people: at most
 * RUNS_PER_USER (2) of a researcher's runs execute, the others wait and say
 * why; runs' lanes hold at most EVAL_SHARE (0.75) of MODEL_MAX_IN_FLIGHT (4),
 * so a person's assessment starts at once however busy the runs keep the
 * model server.
 */

const sampleLatencyMs = 250;
const dataDir = mkdtempSync(join(tmpdir(), "studio-run-capacity-"));
const demo = join(dataDir, "demo");
let database: Database;
let session: string;
let ownerId: string;
let modelServer: FakeModelServer;
let images: string[] = [];
const modelAnswer = `<visual preference profile>\n"Color": "warm"\n</visual preference profile>\n<visual non-preference profile>\n"Color": "cold"\n</visual non-preference profile>\n<think>\nshort\n</think>\n<answer>Image A</answer>`;
const subsets: Record<string, string> = {};

const routes = {
  runs: () => import("@/app/api/benchmarks/runs/route"),
  run: () => import("@/app/api/benchmarks/runs/[id]/route"),
  cancel: () => import("@/app/api/benchmarks/runs/[id]/cancel/route"),
  images: () => import("@/app/api/images/route"),
  assessments: () => import("@/app/api/assessments/route"),
};

/** Runs here ask the model every time: a run that reused the outputs kept by an earlier one would end before it could wait or load the server. */
async function startRun(body: Record<string, unknown>): Promise<EvaluationRunJson> {
  const response = await callRoute(await routes.runs(), "POST", "/api/benchmarks/runs", {
    sessionToken: session,
    body: { freshOutputs: true, ...body },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { run: EvaluationRunJson }).run;
}

async function listRuns(): Promise<Map<string, EvaluationRunJson>> {
  const response = await callRoute(await routes.runs(), "GET", "/api/benchmarks/runs", { sessionToken: session });
  return new Map(((await response.json()) as { runs: EvaluationRunJson[] }).runs.map((run) => [run.id, run]));
}

async function getRun(id: string): Promise<EvaluationRunJson> {
  return (
    (await (
      await callRoute(await routes.run(), "GET", `/api/benchmarks/runs/${id}`, {
        sessionToken: session,
        params: { id },
      })
    ).json()) as { run: EvaluationRunJson }
  ).run;
}

/** Polls the run as the page does until it has ended. */
async function waitUntilEnded(id: string, ms = 30_000): Promise<EvaluationRunJson> {
  const deadline = Date.now() + ms;
  for (;;) {
    const run = await getRun(id);
    if (!["queued", "running"].includes(run.status) || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pictureCount = (request: RecordedRequest) => JSON.stringify(request.body).match(/"image_url":\{/g)?.length ?? 0;

/** The most requests the model server had open at once, of those `include` picks. */
function peakOpen(requests: RecordedRequest[], include: (request: RecordedRequest) => boolean): number {
  const changes = requests.filter(include).flatMap((request) => [
    { at: request.receivedAt, step: 1 },
    { at: request.closedAt ?? Number.POSITIVE_INFINITY, step: -1 },
  ]);
  // At equal times the close counts first: a slot handed on is not two requests at once.
  changes.sort((a, b) => a.at - b.at || a.step - b.step);
  let open = 0;
  let peak = 0;
  for (const change of changes) peak = Math.max(peak, (open += change.step));
  return peak;
}

beforeAll(async () => {
  modelServer = await startFakeModelServer({
    model: "preferthinker-7b",
    defaultScenario: { kind: "stream", text: modelAnswer, chunkSize: 400, firstTokenDelayMs: sampleLatencyMs },
  });
});
setEnvironmentForSuite(() => ({
  MODEL_API_URL: modelServer.url,
  MODEL_NAME: "preferthinker-7b",
  MODEL_MAX_IN_FLIGHT: "4",
  DATA_DIR: dataDir,
  DEMO_DIR: demo,
}));
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 6, TEST_SP_OD: 8 } });
  database = await openTestDatabase("postgres");
  await startEvaluationWorkers(database);
  const researcher = await createPersonWithRoles(database, "capacity@example.com", ["researcher"]);
  ownerId = researcher.id;
  session = researcher.sessionToken;
  Object.assign(subsets, await importBenchmarkFolder(session, demo));
  const form = new FormData();
  for (let index = 0; index < 6; index++)
    form.append("files", new Blob([new Uint8Array(await makePng(40 + index, 30))]), `picture-${index}.png`);
  const uploaded = await callRoute(await routes.images(), "POST", "/api/images", { sessionToken: session, body: form });
  images = ((await uploaded.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id);
});

afterAll(async () => {
  await stopEvaluationWorkers();
  await modelServer.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("runs per researcher", () => {
  it("runs two of a researcher's runs at once; the third waits, says why in the run list, and completes by itself after them", async () => {
    const first = await startRun({ subsetId: subsets.TEST_SP_ID, concurrency: 1 });
    const second = await startRun({ subsetId: subsets.TEST_SP_ID, concurrency: 1 });
    const third = await startRun({ subsetId: subsets.TEST_SP_OD, concurrency: 1 });
    expect([first.status, second.status]).toEqual(["running", "running"]);
    expect(third).toMatchObject({ status: "queued", waitingFor: { reason: "runs_per_user", running: 2, limit: 2 } });

    const listed = await listRuns();
    expect(listed.get(third.id)).toMatchObject({
      status: "queued",
      startedAt: null,
      waitingFor: { reason: "runs_per_user", running: 2, limit: 2 },
    });
    expect(listed.get(first.id)).toMatchObject({ status: "running", waitingFor: null });

    // A fourth, cancelled while it waits, never starts.
    const fourth = await startRun({ subsetId: subsets.TEST_SP_ID, concurrency: 1 });
    expect(fourth.status).toBe("queued");
    const cancelled = await callRoute(await routes.cancel(), "POST", `/api/benchmarks/runs/${fourth.id}/cancel`, {
      sessionToken: session,
      params: { id: fourth.id },
    });
    expect(cancelled.status).toBe(202);
    expect(((await cancelled.json()) as { run: EvaluationRunJson }).run).toMatchObject({
      status: "cancelled",
      waitingFor: null,
    });

    const ended = await Promise.all([first, second, third].map((run) => waitUntilEnded(run.id)));
    expect(ended.map((run) => [run.status, run.progress.done])).toEqual([
      ["completed", 6],
      ["completed", 6],
      ["completed", 8],
    ]);
    // The third started by itself once one of the first two had finished, not before.
    const firstEnd = Math.min(...ended.slice(0, 2).map((run) => Date.parse(run.finishedAt!)));
    expect(Date.parse(ended[2]!.startedAt!)).toBeGreaterThanOrEqual(firstEnd);
    expect(ended[2]!.waitingFor).toBeNull();
    expect(await getRun(fourth.id)).toMatchObject({ status: "cancelled", startedAt: null, progress: { done: 0 } });
  });

  it("starts queued runs that nothing started (their instance stopped first) at the next look, at most two per researcher, the oldest; the other follows", async () => {
    // As an instance that stopped between recording them and starting them would have left them: three queued.
    const left = [];
    for (let index = 0; index < 3; index++) {
      left.push(
        await createEvaluationRun(database, {
          ownerId,
          subsetId: subsets.TEST_SP_ID!,
          provider: "openai-compatible",
          endpoint: "default",
          model: "preferthinker-7b",
          mode: "reasoning",
          templateId: "preferthinker-v1",
          history: 5,
          concurrency: 2,
          source: "app",
          status: "queued",
          freshOutputs: true,
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await lookForWork(database);
    const [oldest, second] = [await getRun(left[0]!.id), await getRun(left[1]!.id)];
    expect([oldest.status, second.status]).not.toContain("queued");
    expect(await getRun(left[2]!.id)).toMatchObject({
      status: "queued",
      waitingFor: { reason: "runs_per_user", running: 2, limit: 2 },
    });
    const ended = await Promise.all(left.map((run) => waitUntilEnded(run.id)));
    expect(ended.map((run) => [run.status, run.progress.done])).toEqual([
      ["completed", 6],
      ["completed", 6],
      ["completed", 6],
    ]);
  });
});

describe("the model server shared between runs and people", () => {
  it("starts a person's assessment at once while runs keep the endpoint busy, and runs never hold more than their share", async () => {
    const before = modelServer.requests.length;
    // Eight lanes want the model server; with MODEL_MAX_IN_FLIGHT=4 and EVAL_SHARE=0.75 they hold three slots.
    const runs = [
      await startRun({ subsetId: subsets.TEST_SP_OD, concurrency: 4, history: 3 }),
      await startRun({ subsetId: subsets.TEST_SP_OD, concurrency: 4, history: 3 }),
    ];
    const openRuns = () =>
      modelServer.requests.slice(before).filter((request) => request.closedAt === undefined).length;
    const deadline = Date.now() + 10_000;
    while (openRuns() < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(openRuns()).toBe(3);
    // The runs' lanes hold their three slots: the endpoint is as busy as runs may make it.
    const queue = getAdmissionQueue(resolveAssessmentEndpoint(getConfig(), "default"), getConfig(), database);
    expect(await queue.readStats()).toMatchObject({ evaluationInFlight: 3 });

    const asked = Date.now();
    const response = await callRoute(await routes.assessments(), "POST", "/api/assessments", {
      sessionToken: session,
      body: {
        preferredImageIds: images.slice(0, 2),
        nonPreferredImageIds: images.slice(2, 4),
        candidateImageIds: images.slice(4, 6),
      },
    });
    expect(response.status).toBe(200);
    const events = await readSseEvents(response);
    const kinds = events.map((event) => event.event);
    // It never waited in line: no "queued" event (below: it reached the model server while the runs' requests were out).
    expect(kinds).not.toContain("queued");
    expect(kinds.at(-1)).toBe("done");

    // At the model server: the person's request (six pictures) arrived while the runs' three were still out.
    const sent = modelServer.requests.slice(before);
    const person = sent.find((request) => request.receivedAt >= asked && pictureCount(request) === 6)!;
    expect(person).toBeDefined();
    const runsOutThen = sent.filter(
      (request) =>
        request !== person &&
        request.receivedAt <= person.receivedAt &&
        (request.closedAt ?? Infinity) > person.receivedAt,
    );
    // Between two samples a lane reads its next pictures while it holds its slot, so not all three need be out at that instant.
    expect(runsOutThen.length).toBeGreaterThanOrEqual(1);

    for (const run of runs) await waitForRunToEnd(database, run.id);
    expect(
      (await Promise.all(runs.map((run) => getRun(run.id)))).map((run) => [run.status, run.progress.done]),
    ).toEqual([
      ["completed", 8],
      ["completed", 8],
    ]);
    const isRunRequest = (request: RecordedRequest) => pictureCount(request) === 8;
    expect(peakOpen(sent, isRunRequest)).toBe(3);
    expect(peakOpen(sent, () => true)).toBeLessThanOrEqual(4);
  });
});
