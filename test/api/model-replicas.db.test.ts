import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { startEvaluationWorkers, stopEvaluationWorkers } from "@/lib/server/benchmarks/evaluation-workers";
import { importBenchmarkFolder } from "@/test/fixtures/benchmark-imports";
import { type FakeModelServer, type RecordedRequest, startFakeModelServer } from "@/test/fake-model-server";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { makePng } from "@/test/image-samples";
import { readSseEvents } from "@/test/read-sse-events";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/**
 * One endpoint, two replicas (two fake model servers, MODEL_API_URL a comma
 * list): requests spread over the less loaded one, fail over before their
 * first token, skip a replica that is down until it answers again, and keep
 * a reference set on the replica that served it last while it has room.
 */

const latencyMs = 200;
const answer = `<visual preference profile>\n"Color": "warm"\n</visual preference profile>\n<visual non-preference profile>\n"Color": "cold"\n</visual non-preference profile>\n<think>\nshort\n</think>\n<answer>Image A</answer>`;
const scenario = { kind: "stream" as const, text: answer, chunkSize: 400, firstTokenDelayMs: latencyMs };
const dataDir = mkdtempSync(join(tmpdir(), "studio-replicas-"));
const demo = join(dataDir, "demo");
let database: Database;
let session: string;
let subsetId: string;
let replicas: FakeModelServer[];
let images: string[];

const routes = {
  runs: () => import("@/app/api/benchmarks/runs/route"),
  run: () => import("@/app/api/benchmarks/runs/[id]/route"),
  images: () => import("@/app/api/images/route"),
  assessments: () => import("@/app/api/assessments/route"),
  models: () => import("@/app/api/models/route"),
};

type ReplicaJson = { url: string; healthy: boolean; inFlight: number; requests: number; errors: number };

beforeAll(async () => {
  replicas = await Promise.all([1, 2].map(() => startFakeModelServer({ defaultScenario: scenario })));
});
setEnvironmentForSuite(() => ({
  MODEL_API_URL: replicas.map((replica) => replica.url).join(","),
  MODEL_NAME: "preferthinker-7b",
  // Per replica: two replicas take eight at once.
  MODEL_MAX_IN_FLIGHT: "4",
  MODEL_PROBE_INTERVAL_S: "0.2",
  EVAL_SHARE: "1",
  DATA_DIR: dataDir,
  DEMO_DIR: demo,
}));
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 40 } });
  database = await openTestDatabase("postgres");
  await startEvaluationWorkers(database);
  const researcher = await createPersonWithRoles(database, "replicas@example.com", ["researcher"]);
  session = researcher.sessionToken;
  subsetId = (await importBenchmarkFolder(session, demo)).TEST_SP_ID!;
  const form = new FormData();
  for (let index = 0; index < 14; index++)
    form.append("files", new Blob([new Uint8Array(await makePng(40 + index, 30))]), `picture-${index}.png`);
  const uploaded = await callRoute(await routes.images(), "POST", "/api/images", { sessionToken: session, body: form });
  images = ((await uploaded.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id);
}, 120_000);
afterAll(async () => {
  await stopEvaluationWorkers();
  await Promise.all(replicas.map((replica) => replica.close()));
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function runToEnd(concurrency: number, during?: (run: EvaluationRunJson) => Promise<void>) {
  const started = await callRoute(await routes.runs(), "POST", "/api/benchmarks/runs", {
    sessionToken: session,
    // Fresh outputs: each test runs the one subset, and kept outputs would spare the replicas every request.
    body: { subsetId, concurrency, freshOutputs: true },
  });
  expect(started.status).toBe(201);
  const run = ((await started.json()) as { run: EvaluationRunJson }).run;
  await during?.(run);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await callRoute(await routes.run(), "GET", `/api/benchmarks/runs/${run.id}`, {
      sessionToken: session,
      params: { id: run.id },
    });
    const current = ((await response.json()) as { run: EvaluationRunJson }).run;
    if (!["queued", "running"].includes(current.status)) return current;
    if (Date.now() > deadline) throw new Error(`run still ${current.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function replicaStates(): Promise<ReplicaJson[]> {
  const response = await callRoute(await routes.models(), "GET", "/api/models", { sessionToken: session });
  const { endpoints } = (await response.json()) as { endpoints: { name: string; replicas?: ReplicaJson[] }[] };
  return endpoints.find((endpoint) => endpoint.name === "default")!.replicas!;
}

/** A request stands for its sample by its pictures. */
const sampleOf = (request: RecordedRequest) => JSON.stringify(request.body.messages);
const counts = () => replicas.map((replica) => replica.requests.length);

describe("a run over two replicas", () => {
  it("spreads its samples over both, each within 40/60 of the run", async () => {
    const before = counts();
    const run = await runToEnd(8);
    expect(run).toMatchObject({ status: "completed", progress: { done: 40, failed: 0 } });
    const sent = counts().map((count, index) => count - before[index]!);
    expect(sent[0]! + sent[1]!).toBe(40);
    expect(Math.min(...sent)).toBeGreaterThanOrEqual(16);
    // Never more at a replica than its own limit.
    expect(Math.max(...replicas.map((replica) => replica.mostAtOnce()))).toBeLessThanOrEqual(4);
  });

  it("completes when one replica dies mid-run, asking again only the samples that replica had open", async () => {
    const [, doomed] = replicas as [FakeModelServer, FakeModelServer];
    const before = counts();
    let openAtKill = 0;
    const run = await runToEnd(8, async () => {
      while (doomed.requests.length - before[1]! < 6) await new Promise((resolve) => setTimeout(resolve, 10));
      openAtKill = doomed.requests.filter((request) => request.closedAt === undefined).length;
      await doomed.close();
    });
    expect(run).toMatchObject({ status: "completed", progress: { done: 40, failed: 0 } });
    expect(openAtKill).toBeGreaterThan(0);
    const sent = replicas.flatMap((replica, index) => replica.requests.slice(before[index]));
    const bySample = new Map<string, number>();
    for (const request of sent) bySample.set(sampleOf(request), (bySample.get(sampleOf(request)) ?? 0) + 1);
    expect(bySample.size).toBe(40);
    const askedTwice = [...bySample.values()].filter((times) => times > 1).length;
    expect(askedTwice).toBeLessThanOrEqual(openAtKill);
    expect(sent.length).toBe(40 + askedTwice);
  });

  it("skips the dead replica until it answers its health probe again, then uses it", async () => {
    const [alive, dead] = replicas as [FakeModelServer, FakeModelServer];
    const before = alive.requests.length;
    const run = await runToEnd(4);
    expect(run).toMatchObject({ status: "completed", progress: { done: 40, failed: 0 } });
    expect(alive.requests.length - before).toBe(40);
    expect((await replicaStates()).map((replica) => replica.healthy)).toEqual([true, false]);

    // The replica comes back on its address; within a few probes it is in again.
    replicas[1] = await startFakeModelServer({ defaultScenario: scenario, port: Number(new URL(dead.url).port) });
    const deadline = Date.now() + 10_000;
    while (!(await replicaStates())[1]!.healthy && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await replicaStates())[1]!.healthy).toBe(true);
    await runToEnd(8);
    expect(replicas[1]!.requests.length).toBeGreaterThanOrEqual(16);
  });
});

describe("a reference set's assessments", () => {
  /** One assessment, its stream read to the end; its final status. */
  async function assess(references: string[], candidates: [string, string]): Promise<unknown> {
    const response = await callRoute(await routes.assessments(), "POST", "/api/assessments", {
      sessionToken: session,
      body: {
        preferredImageIds: references.slice(0, 5),
        nonPreferredImageIds: references.slice(5, 10),
        candidateImageIds: candidates,
        mode: "reasoning",
      },
    });
    expect(response.status).toBe(200);
    return (await readSseEvents(response)).at(-1)?.data.status;
  }

  it("go to the replica that served the set last, one after the other", async () => {
    const before = counts();
    const references = images.slice(0, 10);
    for (const pair of [
      [10, 11],
      [12, 13],
      [11, 12],
      [13, 10],
    ] as const)
      expect(await assess(references, [images[pair[0]]!, images[pair[1]]!])).toBe("completed");
    const sent = counts().map((count, index) => count - before[index]!);
    expect(sent.sort()).toEqual([0, 4]);
  });
});
