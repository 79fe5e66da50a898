import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { startEvaluationWorkers, stopEvaluationWorkers } from "@/lib/server/benchmarks/evaluation-workers";
import { importBenchmarkFolder } from "@/test/fixtures/benchmark-imports";
import { type FakeModelServer, type RecordedRequest, startFakeModelServer } from "@/test/fake-model-server";
import { outputRegex } from "@/lib/preferthinker/output-grammar";
import { setEnvironment, setEnvironmentForSuite } from "@/test/fixtures/environment";
import { waitForRunToEnd } from "@/test/fixtures/evaluation-runs";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/**
 * Kept outputs and swap runs against a model server: a run of a subset
 * already run with the same settings asks the model nothing and gives the
 * same results, flagged as reused; a changed setting asks again; a swap run
 * sends each sample in both orders, back to back, and measures how often
 * the answer follows the position.
 */

const dataDir = mkdtempSync(join(tmpdir(), "studio-kept-outputs-"));
const demo = join(dataDir, "demo");
let database: Database;
let session: string;
let modelServer: FakeModelServer;
const subsets: Record<string, string> = {};
// A judge that always names the first picture, whatever it is.
const alwaysA = `<visual preference profile>\n"Color": "warm"\n</visual preference profile>\n<visual non-preference profile>\n"Color": "cold"\n</visual non-preference profile>\n<think>\nshort\n</think>\n<answer>Image A</answer>`;

const routes = {
  runs: () => import("@/app/api/benchmarks/runs/route"),
  run: () => import("@/app/api/benchmarks/runs/[id]/route"),
  cancel: () => import("@/app/api/benchmarks/runs/[id]/cancel/route"),
  report: () => import("@/app/api/benchmarks/runs/[id]/report/route"),
};

async function runToEnd(body: Record<string, unknown>): Promise<EvaluationRunJson> {
  const response = await callRoute(await routes.runs(), "POST", "/api/benchmarks/runs", {
    sessionToken: session,
    body,
  });
  expect(response.status).toBe(201);
  const { run } = (await response.json()) as { run: EvaluationRunJson };
  await waitForRunToEnd(database, run.id);
  const read = await callRoute(await routes.run(), "GET", `/api/benchmarks/runs/${run.id}`, {
    sessionToken: session,
    params: { id: run.id },
  });
  return ((await read.json()) as { run: EvaluationRunJson }).run;
}

const resultsOf = (runId: string) =>
  database.prisma.evaluationResult.findMany({ where: { runId }, orderBy: { sampleId: "asc" } });

/** The two candidates' picture URLs of a recorded request, in the order sent. */
function candidatesOf(request: RecordedRequest): string[] {
  const content = (request.body.messages as { role: string; content: unknown }[]).find(
    (message) => message.role === "user",
  )!.content as { type: string; image_url?: { url: string } }[];
  return content
    .filter((part) => part.type === "image_url")
    .map((part) => part.image_url!.url.slice(-40))
    .slice(-2);
}

beforeAll(async () => {
  modelServer = await startFakeModelServer({
    model: "preferthinker-7b",
    defaultScenario: { kind: "stream", text: alwaysA, chunkSize: 40 },
  });
});
setEnvironmentForSuite(() => ({
  MODEL_API_URL: modelServer.url,
  MODEL_NAME: "preferthinker-7b",
  DATA_DIR: dataDir,
  DEMO_DIR: demo,
}));
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 6, TEST_SP_OD: 5, TEST_MP_ID: 4 } });
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

describe("kept outputs", () => {
  it("runs a subset again with unchanged settings without one request to the model, with the same results flagged as reused", async () => {
    const before = modelServer.requests.length;
    const first = await runToEnd({ subsetId: subsets.TEST_SP_ID, concurrency: 2 });
    expect(first.status).toBe("completed");
    expect(modelServer.requests.length - before).toBe(6);
    expect(first.servedModel).toBe("preferthinker-7b");
    expect(first.summary.reused).toEqual({ outputs: 6, cached: 0 });

    const asked = modelServer.requests.length;
    const second = await runToEnd({ subsetId: subsets.TEST_SP_ID, concurrency: 2 });
    expect(second.status).toBe("completed");
    expect(modelServer.requests.length).toBe(asked);
    expect(second.summary.reused).toEqual({ outputs: 6, cached: 6 });
    expect(second.summary.strict).toEqual(first.summary.strict);

    const [firstRows, secondRows] = [await resultsOf(first.id), await resultsOf(second.id)];
    expect(secondRows.map((row) => [row.sampleId, row.output, row.strictCorrect, row.cached])).toEqual(
      firstRows.map((row) => [row.sampleId, row.output, row.strictCorrect, true]),
    );
    expect(firstRows.every((row) => !row.cached)).toBe(true);
  });

  it("asks the model again for every sample when one setting changed, or when the run asks for fresh outputs", async () => {
    await runToEnd({ subsetId: subsets.TEST_MP_ID, concurrency: 2 });
    let asked = modelServer.requests.length;
    // Four references a side instead of five: another request, so no output of the five-reference run is reused.
    const fewerReferences = await runToEnd({ subsetId: subsets.TEST_MP_ID, concurrency: 2, history: 4 });
    expect(modelServer.requests.length - asked).toBe(4);
    expect(fewerReferences.summary.reused).toEqual({ outputs: 4, cached: 0 });

    asked = modelServer.requests.length;
    const fresh = await runToEnd({ subsetId: subsets.TEST_MP_ID, concurrency: 2, freshOutputs: true });
    expect(fresh.freshOutputs).toBe(true);
    expect(modelServer.requests.length - asked).toBe(4);
    expect(fresh.summary.reused).toEqual({ outputs: 4, cached: 0 });
  });
  it("runs a subset whose every output is kept while another run holds every place at the model server", async () => {
    onTestFinished(setEnvironment({ MODEL_MAX_IN_FLIGHT: "1" }));
    const first = await runToEnd({ subsetId: subsets.TEST_MP_ID, concurrency: 2, freshOutputs: true });
    expect(first.summary.reused).toEqual({ outputs: 4, cached: 0 });

    // The only place goes to another run, whose request then stalls.
    modelServer.queue({ kind: "stall", text: alwaysA, afterChunks: 1 });
    const sent = modelServer.requests.length;
    const started = await callRoute(await routes.runs(), "POST", "/api/benchmarks/runs", {
      sessionToken: session,
      body: { subsetId: subsets.TEST_SP_OD, concurrency: 1, freshOutputs: true },
    });
    expect(started.status).toBe(201);
    const holder = ((await started.json()) as { run: EvaluationRunJson }).run;
    await expect.poll(() => modelServer.requests.length, { timeout: 20_000 }).toBe(sent + 1);

    // Nothing to ask the model: the kept outputs go out without waiting for the place.
    const again = await runToEnd({ subsetId: subsets.TEST_MP_ID, concurrency: 2 });
    expect(again).toMatchObject({ status: "completed", summary: { reused: { outputs: 4, cached: 4 } } });
    expect(modelServer.requests.length).toBe(sent + 1);

    const cancelled = await callRoute(await routes.cancel(), "POST", `/api/benchmarks/runs/${holder.id}/cancel`, {
      sessionToken: session,
      params: { id: holder.id },
    });
    expect(cancelled.status).toBe(202);
    await waitForRunToEnd(database, holder.id);
  });
});

describe("swap runs", () => {
  it("sends each sample in both orders back to back, and finds a judge that always answers Image A following the position every time", async () => {
    const before = modelServer.requests.length;
    const run = await runToEnd({ subsetId: subsets.TEST_SP_OD, concurrency: 1, swap: true, freshOutputs: true });
    expect(run.status).toBe("completed");
    expect(run.swap).toBe(true);
    const sent = modelServer.requests.slice(before);
    expect(sent).toHaveLength(10);
    for (let sample = 0; sample < 5; sample++) {
      const [asGiven, exchanged] = [candidatesOf(sent[2 * sample]!), candidatesOf(sent[2 * sample + 1]!)];
      expect(exchanged).toEqual([...asGiven].reverse());
    }
    expect(run.summary.swap!.positionBias).toMatchObject({ value: 1, successes: 5, n: 5 });
    expect(run.summary.swap!.consistentAccuracy.n).toBe(0);
    expect(run.summary.swap!.accuracyBothOrders).toMatchObject({ value: 0, n: 5 });
    expect(run.summary.reused).toEqual({ outputs: 10, cached: 0 });
    const rows = await resultsOf(run.id);
    expect(rows.map((row) => [row.swapConsistent, row.swapOutput === alwaysA])).toEqual(
      Array.from({ length: 5 }, () => [false, true]),
    );
    // Exactly one of the two orders is right for a judge that always says A.
    expect(rows.every((row) => row.strictCorrect !== row.swapStrictCorrect)).toBe(true);

    // The report lists every sample, whichever order it was wrong in, with that order's answer.
    const report = await callRoute(await routes.report(), "GET", `/api/benchmarks/runs/${run.id}/report`, {
      sessionToken: session,
      params: { id: run.id },
    });
    const html = await report.text();
    expect(html).toContain("<h2>Wrong answers, in either order (the first 5 in the official order)</h2>");
    // No sample was consistent: that accuracy has no value, shown as a dash.
    expect(html).toMatch(/<th scope="row">Accuracy over consistent samples<\/th><td>—<\/td><td>—<\/td><td>0<\/td>/);
    expect(html).not.toContain("NaN");
    expect(html).toContain("answers wrong as given (A/B); the exchanged order counts in the swap figures above");
    expect(html.match(/<article>/g)).toHaveLength(5);
    const wrongExchanged = rows.filter((row) => row.strictCorrect).length;
    expect(wrongExchanged).toBeGreaterThan(0);
    expect(html.match(/; wrong with the candidates exchanged<\/h3>/g)).toHaveLength(wrongExchanged);
    expect(html.match(/; wrong as given<\/h3>/g)).toHaveLength(5 - wrongExchanged);
    expect(html.match(/the model answered Image A: the picture labelled Image B here\./g)).toHaveLength(wrongExchanged);
  });

  it("finds the baseline, which scores each picture on its own, never following the position", async () => {
    const run = await runToEnd({ subsetId: subsets.TEST_SP_OD, endpoint: "baseline", concurrency: 2, swap: true });
    expect(run.status).toBe("completed");
    expect(run.summary.swap!.positionBias).toMatchObject({ value: 0, successes: 0, n: 5 });
    expect(run.summary.swap!.consistentAccuracy).toMatchObject({ n: 5 });
    expect(run.summary.swap!.accuracyBothOrders.successes).toBe(run.summary.strict.successes);
  });
});

describe("structured decoding", () => {
  it("sends the output grammar in vLLM's or SGLang's form only when the endpoint asks for it, and the run says so", async () => {
    const official = await runToEnd({ subsetId: subsets.TEST_MP_ID, concurrency: 1, freshOutputs: true });
    expect(official.structured).toBeNull();
    const plain = modelServer.requests.at(-1)!.body;
    expect(plain).not.toHaveProperty("structured_outputs");
    expect(plain).not.toHaveProperty("regex");

    onTestFinished(setEnvironment({ MODEL_STRUCTURED: "regex" }));
    let before = modelServer.requests.length;
    const forced = await runToEnd({ subsetId: subsets.TEST_MP_ID, concurrency: 1 });
    expect(forced.structured).toBe("regex for vllm");
    // Another request (the grammar is part of it): no output of the official run is reused.
    expect(modelServer.requests.length - before).toBe(4);
    expect(modelServer.requests.at(-1)!.body).toMatchObject({
      structured_outputs: { regex: outputRegex("reasoning") },
    });

    onTestFinished(setEnvironment({ MODEL_STRUCTURED: "regex", MODEL_SERVER: "sglang" }));
    before = modelServer.requests.length;
    const sglang = await runToEnd({ subsetId: subsets.TEST_MP_ID, concurrency: 1, mode: "fast" });
    expect(sglang.structured).toBe("regex for sglang");
    const sent = modelServer.requests.at(-1)!.body;
    expect(sent).toMatchObject({ regex: outputRegex("fast") });
    expect(sent).not.toHaveProperty("structured_outputs");
    expect(modelServer.requests.length - before).toBe(4);
  });
});
