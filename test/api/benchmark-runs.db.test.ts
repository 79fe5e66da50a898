import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { findBenchmarkSamples } from "@/lib/db/benchmark-subsets";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { readResultsFile } from "@/lib/preferthinker/results-format";
import { resumeInterruptedRuns, stopEvaluationRun, waitForEvaluationRun } from "@/lib/server/benchmarks/run-evaluation";
import { type FakeModelServer, startFakeModelServer } from "@/test/fake-model-server";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** Evaluation runs with the baseline: every sample once, in the official order, resumable, cancellable, exported for the official tooling. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-benchmark-runs-"));
const demo = join(dataDir, "demo");
let database: Database;
let session: string;
let modelServer: FakeModelServer;
const modelAnswer = `<visual preference profile>\n"Color": "warm"\n</visual preference profile>\n<visual non-preference profile>\n"Color": "cold"\n</visual non-preference profile>\n<think>\nshort\n</think>\n<answer>Image A</answer>`;
const subsets: Record<string, string> = {};

const routes = {
  imports: () => import("@/app/api/benchmarks/imports/route"),
  runs: () => import("@/app/api/benchmarks/runs/route"),
  run: () => import("@/app/api/benchmarks/runs/[id]/route"),
  cancel: () => import("@/app/api/benchmarks/runs/[id]/cancel/route"),
  resume: () => import("@/app/api/benchmarks/runs/[id]/resume/route"),
  exportRun: () => import("@/app/api/benchmarks/runs/[id]/export/route"),
};

async function startRun(body: Record<string, unknown>, token = session) {
  const response = await callRoute(await routes.runs(), "POST", "/api/benchmarks/runs", { sessionToken: token, body });
  return {
    status: response.status,
    body: (await response.json()) as { run: EvaluationRunJson; error: { message: string } },
  };
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

async function resumeRun(id: string, token = session) {
  const response = await callRoute(await routes.resume(), "POST", `/api/benchmarks/runs/${id}/resume`, {
    sessionToken: token,
    params: { id },
  });
  return {
    status: response.status,
    body: (await response.json()) as { run: EvaluationRunJson; error: { code: string; message: string } },
  };
}

const resultRows = (runId: string) =>
  database.prisma.evaluationResult.findMany({ where: { runId }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  modelServer = await startFakeModelServer({
    model: "preferthinker-7b",
    defaultScenario: { kind: "stream", text: modelAnswer, chunkSize: 40 },
  });
});
setEnvironmentForSuite(() => ({
  MODEL_API_URL: modelServer.url,
  MODEL_NAME: "preferthinker-7b",
  DATA_DIR: dataDir,
  DEMO_DIR: demo,
}));
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 6, TEST_SP_OD: 8 } });
  database = await openTestDatabase("embedded");
  session = (await createPersonWithRoles(database, "researcher@example.com", ["researcher"])).sessionToken;
  const imported = await callRoute(await routes.imports(), "POST", "/api/benchmarks/imports", {
    sessionToken: session,
    body: { folder: demo },
  });
  for (const subset of ((await imported.json()) as { subsets: { id: string; name: string }[] }).subsets)
    subsets[subset.name] = subset.id;
});

afterAll(async () => {
  await modelServer.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("evaluation runs", () => {
  it("runs a subset with the baseline to the end: a result for every sample, the summary and progress", async () => {
    const { status, body } = await startRun({ subsetId: subsets.TEST_SP_ID, endpoint: "baseline", concurrency: 2 });
    expect(status).toBe(201);
    expect(body.run).toMatchObject({
      provider: "baseline",
      endpoint: "baseline",
      model: "baseline-image-statistics",
      mode: "reasoning",
      history: 5,
      concurrency: 2,
      source: "app",
    });
    expect(await waitForEvaluationRun(body.run.id)).toEqual({ evaluated: 6, skipped: 0 });
    const run = await getRun(body.run.id);
    expect(run.status).toBe("completed");
    expect(run.finishedAt).not.toBeNull();
    expect(run.progress).toMatchObject({ done: 6, total: 6, etaSeconds: 0 });
    expect(run.progress.samplesPerSecond).toBeGreaterThan(0);
    expect(run.summary.strict.n).toBe(6);
    expect(run.summary.formatValid).toMatchObject({ successes: 6, n: 6 });
    expect(run.summary.official).toBeNull();
    expect(run.summary.millisecondsPerSample).toBeGreaterThan(0);
    const rows = await resultRows(run.id);
    expect(new Set(rows.map((row) => row.sampleId)).size).toBe(6);
  });

  it("exports the official results file: in the official order, with the run's accuracy", async () => {
    const { body } = await startRun({ subsetId: subsets.TEST_SP_ID, endpoint: "baseline" });
    await waitForEvaluationRun(body.run.id);
    const run = await getRun(body.run.id);
    const response = await callRoute(
      await routes.exportRun(),
      "GET",
      `/api/benchmarks/runs/${run.id}/export?format=official`,
      { sessionToken: session, params: { id: run.id } },
    );
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="rec_results_baseline-image-statistics_TEST_SP_ID.json"',
    );
    const file = readResultsFile(await response.json());
    expect(file.results).toHaveLength(6);
    expect(file.accuracy).toBeCloseTo(run.summary.strict.value! * 100, 10);
    const samples = await findBenchmarkSamples(database, subsets.TEST_SP_ID!);
    expect(file.results.map((row) => [row.imageA, row.imageB, row.ground_truth])).toEqual(
      samples.map((sample) => [sample.imageAPath, sample.imageBPath, sample.label]),
    );

    const csv = await callRoute(await routes.exportRun(), "GET", `/api/benchmarks/runs/${run.id}/export?format=csv`, {
      sessionToken: session,
      params: { id: run.id },
    });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "index,imageA,imageB,label,answer,strict_correct,lenient_correct,format_valid,issues,milliseconds,dreamsim_vote,dreamsim_agrees",
    );
    expect(lines).toHaveLength(7);
  });

  it("resumes a run stopped part-way: the finished samples are kept and skipped, none is assessed twice", async () => {
    const { body } = await startRun({ subsetId: subsets.TEST_SP_OD, endpoint: "baseline", concurrency: 1 });
    const id = body.run.id;
    // Stop it as a crash would once two results are in: its status stays "running".
    while ((await resultRows(id)).length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await stopEvaluationRun(id);
    const before = await resultRows(id);
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.length).toBeLessThan(8);
    expect((await getRun(id)).status).toBe("running");

    expect(await resumeInterruptedRuns(database)).toEqual([id]);
    expect(await waitForEvaluationRun(id)).toEqual({ evaluated: 8 - before.length, skipped: before.length });
    const after = await resultRows(id);
    expect(after).toHaveLength(8);
    expect(new Set(after.map((row) => row.sampleId)).size).toBe(8);
    // The results from before the stop are the same rows, untouched.
    expect(after.slice(0, before.length).map((row) => row.id)).toEqual(before.map((row) => row.id));
    const run = await getRun(id);
    expect(run).toMatchObject({ status: "completed", progress: { done: 8, total: 8 } });
  });

  it("cancels a run, keeping what it finished; an ended run cannot be cancelled", async () => {
    const { body } = await startRun({ subsetId: subsets.TEST_SP_OD, endpoint: "baseline", concurrency: 1 });
    const cancel = async () =>
      callRoute(await routes.cancel(), "POST", `/api/benchmarks/runs/${body.run.id}/cancel`, {
        sessionToken: session,
        params: { id: body.run.id },
      });
    const response = await cancel();
    expect(response.status).toBe(202);
    expect(((await response.json()) as { run: EvaluationRunJson }).run.status).toBe("cancelled");
    expect(waitForEvaluationRun(body.run.id)).toBeNull();
    const run = await getRun(body.run.id);
    expect(run.status).toBe("cancelled");
    expect(run.progress.done).toBeLessThan(8);
    expect((await cancel()).status).toBe(409);
    // Not resumed on the next start: a cancel is final.
    expect(await resumeInterruptedRuns(database)).toEqual([]);
  });

  it("runs against a model server, and a sample the server fails stops the run, naming the sample", async () => {
    modelServer.queue(
      { kind: "stream", text: modelAnswer },
      { kind: "stream", text: modelAnswer },
      { kind: "status", status: 400, body: { error: { message: "maximum context length exceeded" } } },
    );
    const before = modelServer.requests.length;
    const { body } = await startRun({ subsetId: subsets.TEST_SP_OD, concurrency: 1, history: 3 });
    expect(body.run).toMatchObject({
      provider: "openai-compatible",
      endpoint: "default",
      model: "preferthinker-7b",
      history: 3,
    });
    await waitForEvaluationRun(body.run.id);
    const run = await getRun(body.run.id);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toMatch(/^Sample \d+: .*maximum context length exceeded/);
    expect(run.progress.done).toBe(2);
    // Three requests, in the official order, each with three references per side.
    const sent = modelServer.requests.slice(before);
    expect(sent).toHaveLength(3);
    const images = (request: (typeof sent)[number]) => JSON.stringify(request.body).match(/"image_url":\{/g)?.length;
    expect(sent.map(images)).toEqual([8, 8, 8]);
    expect(await resumeInterruptedRuns(database)).toEqual([]);
  });

  it("resumes a cancelled run on request: its finished samples are kept and skipped, the rest assessed once, to completion", async () => {
    const before = modelServer.requests.length;
    const { body } = await startRun({ subsetId: subsets.TEST_SP_OD, concurrency: 1 });
    const id = body.run.id;
    while ((await resultRows(id)).length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await callRoute(await routes.cancel(), "POST", `/api/benchmarks/runs/${id}/cancel`, {
      sessionToken: session,
      params: { id },
    });
    const kept = await resultRows(id);
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(kept.length).toBeLessThan(8);

    const resumed = await resumeRun(id);
    expect(resumed.status).toBe(202);
    expect(resumed.body.run).toMatchObject({ error: null, finishedAt: null });
    expect(["queued", "running"]).toContain(resumed.body.run.status);
    expect(await waitForEvaluationRun(id)).toEqual({ evaluated: 8 - kept.length, skipped: kept.length });
    const after = await resultRows(id);
    expect(after).toHaveLength(8);
    expect(new Set(after.map((row) => row.sampleId)).size).toBe(8);
    expect(after.slice(0, kept.length).map((row) => row.id)).toEqual(kept.map((row) => row.id));
    expect(await getRun(id)).toMatchObject({ status: "completed", progress: { done: 8, total: 8 } });
    // One request per sample: what was finished before the cancel was not asked for again (at most the one in flight was).
    expect(modelServer.requests.length - before).toBeLessThanOrEqual(9);

    // A completed run cannot be resumed.
    const again = await resumeRun(id);
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      code: "conflict",
      message: "The run is completed: only a failed or cancelled run can be resumed.",
    });
  });

  it("resumes a failed run (the server refused a sample once), and refuses a running one", async () => {
    modelServer.queue(
      { kind: "stream", text: modelAnswer },
      { kind: "status", status: 400, body: { error: { message: "maximum context length exceeded" } } },
    );
    const { body } = await startRun({ subsetId: subsets.TEST_SP_ID, concurrency: 1 });
    const id = body.run.id;
    await waitForEvaluationRun(id);
    const failed = await getRun(id);
    expect(failed.status).toBe("failed");
    expect(failed.progress.done).toBe(1);

    expect((await resumeRun(id)).status).toBe(202);
    // Going again: a second resume is refused while it runs.
    const whileRunning = await resumeRun(id);
    expect(whileRunning.status).toBe(409);
    expect(whileRunning.body.error.message).toMatch(
      /^The run is (queued|running): only a failed or cancelled run can be resumed\.$/,
    );
    expect(await waitForEvaluationRun(id)).toEqual({ evaluated: 5, skipped: 1 });
    expect(await getRun(id)).toMatchObject({ status: "completed", error: null, progress: { done: 6, total: 6 } });
  });

  it("lets only the owner resume a run: to another researcher it does not exist", async () => {
    const { body } = await startRun({ subsetId: subsets.TEST_SP_ID, endpoint: "baseline", concurrency: 1 });
    await callRoute(await routes.cancel(), "POST", `/api/benchmarks/runs/${body.run.id}/cancel`, {
      sessionToken: session,
      params: { id: body.run.id },
    });
    const other = await createPersonWithRoles(database, "other-researcher@example.com", ["researcher"]);
    expect((await resumeRun(body.run.id, other.sessionToken)).status).toBe(404);
    expect((await getRun(body.run.id)).status).toBe("cancelled");
  });

  it("refuses an unknown endpoint and a bad setting, naming them", async () => {
    const unknown = await startRun({ subsetId: subsets.TEST_SP_ID, endpoint: "nowhere" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/No model endpoint is called "nowhere"/);
    const bad = await startRun({ subsetId: subsets.TEST_SP_ID, concurrency: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^concurrency:/);
    expect((await startRun({ subsetId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
  });
});
