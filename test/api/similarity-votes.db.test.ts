import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { type SimilarityWork, similarityWorkSchema } from "@/lib/benchmarks/similarity-vote-contract";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { startEvaluationWorkers, stopEvaluationWorkers } from "@/lib/server/benchmarks/evaluation-workers";
import { importBenchmarkFolder } from "@/test/fixtures/benchmark-imports";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { waitForRunToEnd } from "@/test/fixtures/evaluation-runs";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** DreamSim votes for a run's samples: listed with what a browser needs to compute them, stored after checks, shown with the run's results. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-similarity-votes-"));
const demo = join(dataDir, "demo");
let database: Database;
let session: string;
let runId: string;
let otherSubsetSampleId: string;

const routes = {
  runs: () => import("@/app/api/benchmarks/runs/route"),
  similarity: () => import("@/app/api/benchmarks/runs/[id]/similarity/route"),
  exportRun: () => import("@/app/api/benchmarks/runs/[id]/export/route"),
};

async function getWorkResponse(query = "") {
  return callRoute(await routes.similarity(), "GET", `/api/benchmarks/runs/${runId}/similarity${query}`, {
    sessionToken: session,
    params: { id: runId },
  });
}

async function getWork(query = ""): Promise<SimilarityWork> {
  const response = await getWorkResponse(query);
  expect(response.status).toBe(200);
  return similarityWorkSchema.parse(await response.json());
}

async function putVotes(votes: unknown[]) {
  const response = await callRoute(await routes.similarity(), "PUT", `/api/benchmarks/runs/${runId}/similarity`, {
    sessionToken: session,
    params: { id: runId },
    body: { votes },
  });
  return {
    status: response.status,
    body: (await response.json()) as { stored?: number; error?: { code: string; message: string } },
  };
}

/** Distances that make the given candidate the closer one to every liked reference. */
function votesFor(sample: SimilarityWork["samples"][number], winner: "Image A" | "Image B") {
  const near = { liked: sample.preferredImageIds.map(() => 0.2), disliked: sample.nonPreferredImageIds.map(() => 0.8) };
  const far = { liked: sample.preferredImageIds.map(() => 0.7), disliked: sample.nonPreferredImageIds.map(() => 0.3) };
  return {
    sampleId: sample.sampleId,
    vote: winner,
    distances: winner === "Image A" ? { a: near, b: far } : { a: far, b: near },
    modelVersion: "dino_vitb16@0123456789abcdef",
  };
}

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: demo });
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 4, TEST_SP_OD: 3 } });
  database = await openTestDatabase("embedded");
  await startEvaluationWorkers(database);
  session = (await createPersonWithRoles(database, "researcher@example.com", ["researcher"])).sessionToken;
  const subsets = await importBenchmarkFolder(session, demo);
  const started = await callRoute(await routes.runs(), "POST", "/api/benchmarks/runs", {
    sessionToken: session,
    body: { subsetId: subsets.TEST_SP_ID, endpoint: "baseline" },
  });
  runId = ((await started.json()) as { run: EvaluationRunJson }).run.id;
  await waitForRunToEnd(database, runId);
  otherSubsetSampleId = (
    await database.prisma.benchmarkSample.findFirstOrThrow({ where: { subsetId: subsets.TEST_SP_OD } })
  ).id;
});

afterAll(async () => {
  await stopEvaluationWorkers();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("DreamSim votes of a run", () => {
  it("lists every sample in the official order with the references the run sent and the model's answer, before any vote", async () => {
    const work = await getWork();
    expect(work.samples).toHaveLength(4);
    expect(work.samples.map((sample) => sample.officialOrder)).toEqual([0, 1, 2, 3]);
    for (const sample of work.samples) {
      expect(sample.preferredImageIds.length).toBeGreaterThan(0);
      expect(sample.preferredImageIds.length).toBeLessThanOrEqual(5);
      expect(sample.modelAnswer).toMatch(/^Image [AB]$/);
      expect(sample.similarity).toBeNull();
    }
    expect(work.summary).toEqual({ voted: 0, agreeing: 0, disagreeing: 0 });
  });

  it("stores a batch, shows whether each vote agrees with the model, replaces a vote sent again, and adds it to the CSV export", async () => {
    const [first, second] = (await getWork()).samples;
    const agreeing = votesFor(first!, first!.modelAnswer as "Image A" | "Image B");
    const disagreeing = votesFor(second!, second!.modelAnswer === "Image A" ? "Image B" : "Image A");
    expect(await putVotes([agreeing, disagreeing])).toEqual({ status: 200, body: { stored: 2 } });
    expect(await putVotes([agreeing])).toEqual({ status: 200, body: { stored: 1 } });

    const work = await getWork();
    expect(work.summary).toEqual({ voted: 2, agreeing: 1, disagreeing: 1 });
    expect(work.samples[0]!.similarity).toMatchObject({
      vote: agreeing.vote,
      agreesWithModel: true,
      modelVersion: "dino_vitb16@0123456789abcdef",
      distances: agreeing.distances,
    });
    expect(work.samples[1]!.similarity).toMatchObject({ vote: disagreeing.vote, agreesWithModel: false });
    expect(await database.prisma.similarityVote.count({ where: { runId } })).toBe(2);

    const csv = await callRoute(await routes.exportRun(), "GET", `/api/benchmarks/runs/${runId}/export?format=csv`, {
      sessionToken: session,
      params: { id: runId },
    });
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]!.endsWith(",dreamsim_vote,dreamsim_agrees")).toBe(true);
    expect(lines.filter((line) => line.endsWith(`,${agreeing.vote},true`))).toHaveLength(1);
    expect(lines.filter((line) => line.endsWith(`,${disagreeing.vote},false`))).toHaveLength(1);
  });

  it("pages through the work list in the official order, the summary on the first page, and lists only the samples a model version has not voted on", async () => {
    const first = await getWork("?limit=3");
    expect(first.samples.map((sample) => sample.officialOrder)).toEqual([0, 1, 2]);
    expect(first).toMatchObject({ total: 4, next: 2, summary: { voted: 2, agreeing: 1, disagreeing: 1 } });
    const second = await getWork(`?limit=3&after=${first.next}`);
    expect(second.samples.map((sample) => sample.officialOrder)).toEqual([3]);
    expect(second).toMatchObject({ total: 4, next: null, summary: null });

    // Samples 0 and 1 have votes of this version: a browser computing it gets the other two.
    const pending = await getWork("?pendingFor=dino_vitb16@0123456789abcdef");
    expect(pending.samples.map((sample) => sample.officialOrder)).toEqual([2, 3]);
    expect(pending).toMatchObject({ total: 2, next: null });
    const otherModel = await getWork("?pendingFor=ensemble@fedcba9876543210&limit=2");
    expect(otherModel).toMatchObject({ total: 4, next: 1 });

    const refused = await getWorkResponse("?limit=0");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/limit: must be 1-1000/);
  });

  it("refuses, with a 400 naming the field and storing nothing, a vote its distances do not make, the wrong number of distances, a sample of another subset, and bad values", async () => {
    const [, , third] = (await getWork()).samples;
    const valid = votesFor(third!, "Image A");
    const before = await database.prisma.similarityVote.count({ where: { runId } });
    const cases: [unknown, RegExp][] = [
      [{ ...valid, vote: "Image B" }, /votes\.0\.vote: its distances make the vote Image A/],
      [
        { ...valid, distances: { ...valid.distances, b: { liked: [0.1], disliked: [] } } },
        /votes\.0\.distances\.b: needs \d+ liked and \d+ disliked/,
      ],
      [{ ...valid, sampleId: otherSubsetSampleId }, /votes\.0\.sampleId: not a sample of this run's subset/],
      [{ ...valid, sampleId: "not-a-uuid" }, /votes\.0\.sampleId/],
      [
        {
          ...valid,
          distances: { ...valid.distances, a: { ...valid.distances.a, liked: valid.distances.a.liked.map(() => 3) } },
        },
        /votes\.0\.distances\.a\.liked\.0/,
      ],
      [{ ...valid, vote: "Image C" }, /votes\.0\.vote/],
    ];
    for (const [vote, message] of cases) {
      const { status, body } = await putVotes([valid, vote].slice(1));
      expect(status).toBe(400);
      expect(body.error?.code).toBe("bad_request");
      expect(body.error?.message).toMatch(message);
    }
    const duplicate = await putVotes([valid, valid]);
    expect(duplicate.status).toBe(400);
    expect((await putVotes([])).status).toBe(400);
    expect(await database.prisma.similarityVote.count({ where: { runId } })).toBe(before);
  });
});
