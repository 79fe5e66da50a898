import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { startEvaluationWorkers, stopEvaluationWorkers } from "@/lib/server/benchmarks/evaluation-workers";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { waitForRunToEnd } from "@/test/fixtures/evaluation-runs";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** GET /api/benchmarks/runs: a researcher's own runs, newest first, each as its own page shows it; the demo imported by name. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-benchmark-run-list-"));
const demo = join(dataDir, "demo-benchmark");
let database: Database;
const sessions: Record<"first" | "second", string> = { first: "", second: "" };

const routes = {
  imports: () => import("@/app/api/benchmarks/imports/route"),
  runs: () => import("@/app/api/benchmarks/runs/route"),
  run: () => import("@/app/api/benchmarks/runs/[id]/route"),
};

async function importDemo(
  token: string,
): Promise<{ status: number; subsets: { id: string; name: string; source: string }[] }> {
  const response = await callRoute(await routes.imports(), "POST", "/api/benchmarks/imports", {
    sessionToken: token,
    body: { folder: "demo", subsets: ["TEST_SP_ID"] },
  });
  return {
    status: response.status,
    subsets: ((await response.json()) as { subsets: { id: string; name: string; source: string }[] }).subsets,
  };
}

async function startBaselineRun(token: string, subsetId: string): Promise<string> {
  const response = await callRoute(await routes.runs(), "POST", "/api/benchmarks/runs", {
    sessionToken: token,
    body: { subsetId, endpoint: "baseline" },
  });
  const { run } = (await response.json()) as { run: EvaluationRunJson };
  await waitForRunToEnd(database, run.id);
  return run.id;
}

async function listRuns(token: string): Promise<EvaluationRunJson[]> {
  const response = await callRoute(await routes.runs(), "GET", "/api/benchmarks/runs", { sessionToken: token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { runs: EvaluationRunJson[] }).runs;
}

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: demo });
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 4 } });
  database = await openTestDatabase("embedded");
  await startEvaluationWorkers(database);
  sessions.first = (await createPersonWithRoles(database, "first@example.com", ["researcher"])).sessionToken;
  sessions.second = (await createPersonWithRoles(database, "second@example.com", ["researcher"])).sessionToken;
});

afterAll(async () => {
  await stopEvaluationWorkers();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let firstSubsetId = "";

describe("listing a researcher's runs", () => {
  it("imports the demo benchmark by the word demo, wherever the server keeps it", async () => {
    const imported = await importDemo(sessions.first);
    expect(imported.status).toBe(201);
    expect(imported.subsets).toEqual([expect.objectContaining({ name: "TEST_SP_ID", source: "the demo benchmark" })]);
    firstSubsetId = imported.subsets[0]!.id;
  });

  it("answers the caller's runs, newest first, each exactly as GET /api/benchmarks/runs/:id answers it, and nobody else's", async () => {
    expect(await listRuns(sessions.first)).toEqual([]);
    const [othersSubset] = (await importDemo(sessions.second)).subsets;
    const othersRun = await startBaselineRun(sessions.second, othersSubset!.id);
    const older = await startBaselineRun(sessions.first, firstSubsetId);
    const newer = await startBaselineRun(sessions.first, firstSubsetId);

    const runs = await listRuns(sessions.first);
    expect(runs.map((run) => run.id)).toEqual([newer, older]);
    expect(runs.map((run) => run.id)).not.toContain(othersRun);
    const single = await callRoute(await routes.run(), "GET", `/api/benchmarks/runs/${newer}`, {
      sessionToken: sessions.first,
      params: { id: newer },
    });
    expect(runs[0]).toEqual(((await single.json()) as { run: EvaluationRunJson }).run);
    expect(runs[0]).toMatchObject({
      status: "completed",
      progress: { done: 4, total: 4 },
      summary: { strict: { n: 4 } },
    });
  });
});
