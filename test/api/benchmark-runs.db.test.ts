import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { findBenchmarkSamples } from "@/lib/db/benchmark-subsets";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { readResultsFile } from "@/lib/preferthinker/results-format";
import { preferThinkerV1 } from "@/lib/preferthinker/templates/preferthinker-v1";
import {
  lookForWork,
  startEvaluationWorkers,
  stopEvaluationWorkers,
  stopRunWorker,
  waitForRunWorker,
} from "@/lib/server/benchmarks/evaluation-workers";
import { importBenchmarkFolder } from "@/test/fixtures/benchmark-imports";
import { type FakeModelServer, startFakeModelServer } from "@/test/fake-model-server";
import { setEnvironment, setEnvironmentForSuite } from "@/test/fixtures/environment";
import { waitForRunToEnd } from "@/test/fixtures/evaluation-runs";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/**
 * Evaluation runs with the baseline and a model server: every sample once, in
 * the official order, claimed by this process's lanes as any instance's
 * would be; a failing sample retried, then failed without failing the run
 * below a share; resumable, cancellable, exported for the official tooling.
 */

const dataDir = mkdtempSync(join(tmpdir(), "studio-benchmark-runs-"));
const demo = join(dataDir, "demo");
let database: Database;
let session: string;
let modelServer: FakeModelServer;
const modelAnswer = `<visual preference profile>\n"Color": "warm"\n</visual preference profile>\n<visual non-preference profile>\n"Color": "cold"\n</visual non-preference profile>\n<think>\nshort\n</think>\n<answer>Image A</answer>`;
const subsets: Record<string, string> = {};

const routes = {
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

const tasksOf = (runId: string) =>
  database.prisma.evaluationTask.findMany({ where: { runId }, orderBy: { officialOrder: "asc" } });

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
  EVAL_MAX_ATTEMPTS: "2",
  EVAL_RETRY_BACKOFF_S: "0.05",
}));
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 6, TEST_SP_OD: 8 } });
  database = await openTestDatabase("embedded");
  await startEvaluationWorkers(database);
  session = (await createPersonWithRoles(database, "researcher@example.com", ["researcher"])).sessionToken;
  Object.assign(subsets, await importBenchmarkFolder(session, demo));
});

afterAll(async () => {
  await stopEvaluationWorkers();
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
    await waitForRunToEnd(database, body.run.id);
    const run = await getRun(body.run.id);
    expect(run.status).toBe("completed");
    expect(run.finishedAt).not.toBeNull();
    expect(run.progress).toMatchObject({ done: 6, failed: 0, total: 6, etaSeconds: 0 });
    expect(run.progress.samplesPerSecond).toBeGreaterThan(0);
    expect(run.summary.strict.n).toBe(6);
    expect(run.summary.formatValid).toMatchObject({ successes: 6, n: 6 });
    expect(run.summary.official).toBeNull();
    expect(run.summary.millisecondsPerSample).toBeGreaterThan(0);
    const rows = await resultRows(run.id);
    expect(new Set(rows.map((row) => row.sampleId)).size).toBe(6);
    // Every claim was one attempt, and let go.
    expect((await tasksOf(run.id)).map((task) => [task.status, task.attempts, task.leaseOwner])).toEqual(
      Array.from({ length: 6 }, () => ["done", 1, null]),
    );
  });

  it("exports the official results file: in the official order, with the run's accuracy", async () => {
    const { body } = await startRun({ subsetId: subsets.TEST_SP_ID, endpoint: "baseline" });
    await waitForRunToEnd(database, body.run.id);
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
      "index,imageA,imageB,label,answer,strict_correct,lenient_correct,format_valid,issues,milliseconds,cached,swap_answer,swap_strict_correct,swap_consistent,dreamsim_vote,dreamsim_agrees",
    );
    expect(lines).toHaveLength(7);
  });

  it("goes on with a run whose lanes stopped part-way (a shutdown): the finished samples are kept and skipped, none is assessed twice", async () => {
    const { body } = await startRun({ subsetId: subsets.TEST_SP_OD, endpoint: "baseline", concurrency: 1 });
    const id = body.run.id;
    // Stop its lanes as a shutdown would once two results are in: its status stays "running", its claims are given back.
    while ((await resultRows(id)).length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await stopRunWorker(id);
    const before = await resultRows(id);
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.length).toBeLessThan(8);
    expect((await getRun(id)).status).toBe("running");
    expect((await tasksOf(id)).filter((task) => task.status === "claimed")).toEqual([]);

    // Any look for work (every second, on any instance) takes it up again.
    await lookForWork(database);
    await waitForRunToEnd(database, id);
    const after = await resultRows(id);
    expect(after).toHaveLength(8);
    expect(new Set(after.map((row) => row.sampleId)).size).toBe(8);
    // The results from before the stop are the same rows, untouched.
    expect(after.slice(0, before.length).map((row) => row.id)).toEqual(before.map((row) => row.id));
    const run = await getRun(id);
    expect(run).toMatchObject({ status: "completed", progress: { done: 8, total: 8 } });
  });

  it("fails a run that an instance takes up after its prompt template changed, naming the change, and keeps what it finished", async () => {
    // Four references a side: outputs it keeps are filed under requests no other test here sends.
    const { body } = await startRun({ subsetId: subsets.TEST_SP_OD, concurrency: 1, history: 4, freshOutputs: true });
    const id = body.run.id;
    while ((await resultRows(id)).length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await stopRunWorker(id);
    const before = await resultRows(id);
    // A deploy meanwhile brought the operator's own template.
    const template = join(dataDir, "my-template.json");
    writeFileSync(template, JSON.stringify({ ...structuredClone(preferThinkerV1), id: "my-template" }));
    onTestFinished(setEnvironment({ PROMPT_TEMPLATE: template }));

    await lookForWork(database);
    await waitForRunToEnd(database, id);
    const run = await getRun(id);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain(
      "the prompt template is now my-template, and the run was made with preferthinker-v1",
    );
    expect((await resultRows(id)).map((row) => row.id)).toEqual(before.map((row) => row.id));
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
    expect(waitForRunWorker(body.run.id)).toBeNull();
    const run = await getRun(body.run.id);
    expect(run.status).toBe("cancelled");
    expect(run.progress.done).toBeLessThan(8);
    expect((await cancel()).status).toBe(409);
    // Not taken up again by a look for work: a cancel is final.
    await lookForWork(database);
    expect(waitForRunWorker(body.run.id)).toBeNull();
    expect((await getRun(body.run.id)).status).toBe("cancelled");
  });

  it("runs against a model server; a sample the server fails once is tried again later, and the run completes", async () => {
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
    await waitForRunToEnd(database, body.run.id);
    const run = await getRun(body.run.id);
    expect(run).toMatchObject({ status: "completed", error: null, progress: { done: 8, failed: 0, total: 8 } });
    // Nine requests, each with three references per side: the third sample twice, the others once.
    const sent = modelServer.requests.slice(before);
    expect(sent).toHaveLength(9);
    const images = (request: (typeof sent)[number]) => JSON.stringify(request.body).match(/"image_url":\{/g)?.length;
    expect(sent.map(images)).toEqual(Array.from({ length: 9 }, () => 8));
    const tasks = await tasksOf(body.run.id);
    expect(tasks.map((task) => task.attempts)).toEqual([1, 1, 2, 1, 1, 1, 1, 1]);
    // The retried sample keeps its failed attempt's error until it succeeds; then it is cleared.
    expect(tasks.every((task) => task.status === "done" && task.error === null)).toBe(true);
  });

  it("fails a sample for good after its attempts without stopping the others; past the allowed share the run ends failed, naming it", async () => {
    onTestFinished(setEnvironment({ EVAL_MAX_ATTEMPTS: "1" }));
    modelServer.queue(
      { kind: "stream", text: modelAnswer },
      { kind: "stream", text: modelAnswer },
      { kind: "status", status: 400, body: { error: { message: "maximum context length exceeded" } } },
    );
    const before = modelServer.requests.length;
    const { body } = await startRun({ subsetId: subsets.TEST_SP_OD, concurrency: 1 });
    await waitForRunToEnd(database, body.run.id);
    const run = await getRun(body.run.id);
    // 1 of 8 is more than the 10% EVAL_FAILED_SHARE allows.
    expect(run).toMatchObject({ status: "failed", progress: { done: 7, failed: 1, total: 8 } });
    expect(run.error?.message).toMatch(
      /^1 of 8 samples failed after every retry; the last error: Sample \d+: .*maximum context length exceeded/,
    );
    expect(modelServer.requests.length - before).toBe(8);
    const failed = (await tasksOf(body.run.id)).filter((task) => task.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toMatchObject({ message: expect.stringMatching(/maximum context length exceeded/) });
  });

  it("completes a run with a failed sample below the allowed share, counting it", async () => {
    onTestFinished(setEnvironment({ EVAL_MAX_ATTEMPTS: "1", EVAL_FAILED_SHARE: "0.2" }));
    modelServer.queue({ kind: "status", status: 400, body: { error: { message: "image too large" } } });
    const { body } = await startRun({ subsetId: subsets.TEST_SP_OD, concurrency: 1 });
    await waitForRunToEnd(database, body.run.id);
    expect(await getRun(body.run.id)).toMatchObject({
      status: "completed",
      error: null,
      progress: { done: 7, failed: 1, total: 8 },
    });
  });

  it("resumes a cancelled run on request: its finished samples are kept and skipped, the rest assessed once, to completion", async () => {
    const before = modelServer.requests.length;
    // Fresh outputs: the subset ran against this server before, and its kept outputs would end the run at once.
    // Four references a side: outputs it keeps are filed under requests no other test here sends.
    const { body } = await startRun({ subsetId: subsets.TEST_SP_OD, concurrency: 1, history: 4, freshOutputs: true });
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
    await waitForRunToEnd(database, id);
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

  it("resumes a failed run (the server refused a sample, its only attempt), and refuses a running one", async () => {
    onTestFinished(setEnvironment({ EVAL_MAX_ATTEMPTS: "1" }));
    modelServer.queue(
      { kind: "stream", text: modelAnswer },
      { kind: "status", status: 400, body: { error: { message: "maximum context length exceeded" } } },
    );
    const { body } = await startRun({ subsetId: subsets.TEST_SP_ID, concurrency: 1 });
    const id = body.run.id;
    await waitForRunToEnd(database, id);
    const failed = await getRun(id);
    expect(failed.status).toBe("failed");
    expect(failed.progress).toMatchObject({ done: 5, failed: 1 });

    expect((await resumeRun(id)).status).toBe(202);
    // Going again: a second resume is refused while it runs.
    const whileRunning = await resumeRun(id);
    expect(whileRunning.status).toBe(409);
    expect(whileRunning.body.error.message).toMatch(
      /^The run is (queued|running): only a failed or cancelled run can be resumed\.$/,
    );
    await waitForRunToEnd(database, id);
    expect(await getRun(id)).toMatchObject({
      status: "completed",
      error: null,
      progress: { done: 6, failed: 0, total: 6 },
    });
  });

  it("resumes a run only with the model, prompt template and output grammar it was started with, naming what changed", async () => {
    onTestFinished(setEnvironment({ EVAL_MAX_ATTEMPTS: "1" }));
    modelServer.queue({ kind: "status", status: 400, body: { error: { message: "maximum context length exceeded" } } });
    const { body } = await startRun({ subsetId: subsets.TEST_SP_ID, concurrency: 1, freshOutputs: true });
    const id = body.run.id;
    await waitForRunToEnd(database, id);
    expect(await getRun(id)).toMatchObject({ status: "failed", structured: null, model: "preferthinker-7b" });

    // The operator turned on the output grammar and moved the endpoint to another model meanwhile.
    const restore = setEnvironment({
      MODEL_NAME: "preferthinker-7b-dpo",
      MODEL_STRUCTURED: "regex",
      MODEL_SERVER: "vllm",
    });
    const refused = await resumeRun(id);
    restore();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("conflict");
    expect(refused.body.error.message).toContain(
      "the endpoint now asks for the model preferthinker-7b-dpo, and the run was made with preferthinker-7b",
    );
    expect(refused.body.error.message).toContain(
      "requests now carry the output grammar, and the run's carried no output grammar",
    );
    expect(refused.body.error.message).toMatch(/restore the setting to resume it, or start a new run\.$/);
    // Nothing was queued again: the run is as it was.
    expect(await getRun(id)).toMatchObject({ status: "failed", progress: { done: 5, failed: 1 } });

    // With the settings it was made with, it goes on to the end.
    expect((await resumeRun(id)).status).toBe(202);
    await waitForRunToEnd(database, id);
    expect(await getRun(id)).toMatchObject({ status: "completed", progress: { done: 6, failed: 0 } });
  });

  it("fails a resumed run whose server, asked for its default model, now serves another, sending it nothing", async () => {
    onTestFinished(setEnvironment({ EVAL_MAX_ATTEMPTS: "1" }));
    modelServer.queue({ kind: "status", status: 400, body: { error: { message: "maximum context length exceeded" } } });
    const { body } = await startRun({ subsetId: subsets.TEST_SP_ID, concurrency: 1, history: 3, freshOutputs: true });
    const id = body.run.id;
    await waitForRunToEnd(database, id);
    expect(await getRun(id)).toMatchObject({ status: "failed", servedModel: "preferthinker-7b" });

    // The endpoint now names no model, and its server serves other weights.
    const other = await startFakeModelServer({
      model: "preferthinker-7b-dpo",
      defaultScenario: { kind: "stream", text: modelAnswer },
    });
    onTestFinished(() => other.close());
    onTestFinished(setEnvironment({ MODEL_API_URL: other.url, MODEL_NAME: undefined }));
    expect((await resumeRun(id)).status).toBe(202);
    await waitForRunToEnd(database, id);
    const run = await getRun(id);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain(
      "its server now serves preferthinker-7b-dpo, and the run was made with preferthinker-7b",
    );
    expect(other.requests).toEqual([]);
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
