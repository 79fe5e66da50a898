import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationRunJson, RunAnalysisJson } from "@/lib/benchmarks/benchmark-contract";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { startEvaluationWorkers, stopEvaluationWorkers } from "@/lib/server/benchmarks/evaluation-workers";
import { readFixture } from "@/lib/preferthinker/__fixtures__/fixtures";
import { importBenchmarkFolder } from "@/test/fixtures/benchmark-imports";
import { type FakeModelServer, startFakeModelServer } from "@/test/fake-model-server";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { waitForRunToEnd } from "@/test/fixtures/evaluation-runs";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/**
 * A run's analysis: strict accuracy with the Wilson interval and, for a
 * subset with several samples per person, one clustered by person, each
 * naming its method; and which attribute decided each wrong answer.
 */

const dataDir = mkdtempSync(join(tmpdir(), "studio-run-analysis-"));
const demo = join(dataDir, "demo");
let database: Database;
let session: string;
const subsets: Record<string, string> = {};

const routes = {
  runs: () => import("@/app/api/benchmarks/runs/route"),
  analysis: () => import("@/app/api/benchmarks/runs/[id]/analysis/route"),
  report: () => import("@/app/api/benchmarks/runs/[id]/report/route"),
};

async function runWith(subsetId: string, endpoint = "baseline"): Promise<EvaluationRunJson> {
  const response = await callRoute(await routes.runs(), "POST", "/api/benchmarks/runs", {
    sessionToken: session,
    body: { subsetId, endpoint, concurrency: 2 },
  });
  const { run } = (await response.json()) as { run: EvaluationRunJson };
  await waitForRunToEnd(database, run.id);
  return run;
}

async function analysisOf(id: string): Promise<{ status: number; body: RunAnalysisJson }> {
  const response = await callRoute(await routes.analysis(), "GET", `/api/benchmarks/runs/${id}/analysis`, {
    sessionToken: session,
    params: { id },
  });
  return { status: response.status, body: (await response.json()) as RunAnalysisJson };
}

let modelServer: FakeModelServer;
beforeAll(async () => {
  // A model that always prefers B, for the reasons of the clean transcript: colour by the widest margin (5 against 1).
  modelServer = await startFakeModelServer({
    model: "preferthinker-7b",
    defaultScenario: { kind: "stream", text: readFixture("clean-b"), chunkSize: 200 },
  });
});
setEnvironmentForSuite(() => ({
  DATA_DIR: dataDir,
  DEMO_DIR: demo,
  MODEL_API_URL: modelServer.url,
  MODEL_NAME: "preferthinker-7b",
}));
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 12, TEST_SP_OD: 6 } });
  // Three people with four samples each, as PickaPic groups its samples by user.
  const file = join(demo, "data", "TEST_SP_ID", "TEST_SP_ID.json");
  const samples = JSON.parse(readFileSync(file, "utf8")) as { user_id: string }[];
  writeFileSync(file, JSON.stringify(samples.map((sample, index) => ({ ...sample, user_id: `person-${index % 3}` }))));
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

describe("run analysis", () => {
  it("clusters the accuracy interval by person where people have several samples, and names each method", async () => {
    const run = await runWith(subsets.TEST_SP_ID!);
    const { status, body } = await analysisOf(run.id);
    expect(status).toBe(200);
    expect(body.accuracy.wilson).toMatchObject({ n: 12, method: expect.stringMatching(/^Wilson/) });
    expect(body.accuracy.byPerson).toMatchObject({
      n: 12,
      clusters: 3,
      method: expect.stringMatching(/cluster bootstrap by person/),
    });
    expect(body.accuracy.byPerson!.value).toBeCloseTo(body.accuracy.wilson.value!, 12);
  });

  it("takes samples of different people as independent: no clustered interval", async () => {
    const run = await runWith(subsets.TEST_SP_OD!);
    const { body } = await analysisOf(run.id);
    expect(body.accuracy.wilson.n).toBe(6);
    expect(body.accuracy.byPerson).toBeNull();
  });

  it("finds which attribute decided each wrong answer, and how well the predicted profile matches the true one", async () => {
    const run = await runWith(subsets.TEST_SP_ID!, "default");
    const { body } = await analysisOf(run.id);
    const labelledA = (await database.prisma.benchmarkSample.count({
      where: { subsetId: subsets.TEST_SP_ID!, label: "Image A" },
    })) as number;
    expect(labelledA).toBeGreaterThan(0);
    // Every sample labelled A is answered B: wrong, and decided by colour, whose margin toward B is the widest.
    expect(body.errors).toMatchObject({ results: 12, wrong: labelledA, withoutScores: 0, noAttributeFavoured: 0 });
    expect(body.errors.deciding).toEqual([
      { attribute: "Art Styles", count: 0 },
      { attribute: "Color", count: labelledA },
      { attribute: "Artistic Medium", count: 0 },
      { attribute: "Saturation", count: 0 },
      { attribute: "Detail", count: 0 },
    ]);
    // The demo's samples carry their people's true profiles, against which the transcript's profile is measured.
    expect(body.errors.profileAgreement).toHaveLength(5);
    expect(body.errors.profileAgreement!.every((row) => row.preference.n === 12)).toBe(true);
    expect(body.errors.profileAgreementMethod).toMatch(/word overlap/);
  });

  it("exports the run as one HTML file that needs nothing else: intervals, error analysis, wrong answers with their pictures", async () => {
    const run = await runWith(subsets.TEST_SP_ID!, "default");
    const response = await callRoute(await routes.report(), "GET", `/api/benchmarks/runs/${run.id}/report`, {
      sessionToken: session,
      params: { id: run.id },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="report_preferthinker-7b_TEST_SP_ID.html"',
    );
    const html = await response.text();
    expect(html).toContain("<h1>preferthinker-7b on TEST_SP_ID</h1>");
    expect(html).toContain("cluster bootstrap by person");
    expect(html).toContain("Seen SP (TEST_SP_ID) beside the published figures");
    expect(html).toMatch(/<th scope="row">Color<\/th><td><span class="bar"[^>]*><\/span> \d+ \(100%\)/);
    // Every wrong answer shown with its twelve pictures, inside the file.
    const wrong = (await database.prisma.benchmarkSample.count({
      where: { subsetId: subsets.TEST_SP_ID!, label: "Image A" },
    })) as number;
    expect(html.match(/<article>/g)).toHaveLength(Math.min(wrong, 8));
    expect(html.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(Math.min(wrong, 8) * 12);
    // Nothing from elsewhere, nothing that runs; the output's tags are text, not markup.
    expect(html).not.toMatch(/<script|<link|src="http|url\(/i);
    expect(html).toContain("&lt;visual preference profile&gt;");
    expect(html).not.toContain("<visual preference profile>");
  });
});
