import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { findBenchmarkSamples } from "@/lib/db/benchmark-subsets";
import type { Database } from "@/lib/db/open-database";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import { toResultRow, toResultsFile } from "@/lib/preferthinker/results-format";
import { importBenchmarkFolder } from "@/test/fixtures/benchmark-imports";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/** Official results files read into runs: matched to samples by their paths, re-read by our readers, the file's verdict kept. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-benchmark-results-"));
const demo = join(dataDir, "demo");
let database: Database;
let session: string;
let otherSession: string;
let subsetId: string;

const routes = {
  results: () => import("@/app/api/benchmarks/subsets/[id]/results/route"),
};

async function postResults(body: unknown, token = session, id = subsetId) {
  const response = await callRoute(
    await routes.results(),
    "POST",
    `/api/benchmarks/subsets/${id}/results?model=gpt-4o`,
    { sessionToken: token, params: { id }, body },
  );
  return {
    status: response.status,
    body: (await response.json()) as { run: EvaluationRunJson; error: { message: string } },
  };
}

const answer = (text: string) =>
  `<visual preference profile>\n"Color": "warm"\n</visual preference profile>\n<visual non-preference profile>\n"Color": "cold"\n</visual non-preference profile>\n<think>\nshort\n</think>\n<answer>${text}</answer>`;
const other = (label: string) => (label === "Image A" ? "Image B" : "Image A");

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: demo });
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 6 } });
  database = await openTestDatabase("embedded");
  session = (await createPersonWithRoles(database, "researcher@example.com", ["researcher"])).sessionToken;
  otherSession = (await createPersonWithRoles(database, "other@example.com", ["researcher"])).sessionToken;
  subsetId = (await importBenchmarkFolder(session, demo)).TEST_SP_ID!;
});

afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("importing an official results file", () => {
  it("makes a finished run whose accuracy is the file's, read again by our readers", async () => {
    const samples = await findBenchmarkSamples(database, subsetId);
    // Four right, one right only when read leniently ("image a."), one wrong.
    const outputs = samples.map((sample, i) =>
      i < 4 ? answer(sample.label) : i === 4 ? answer(`${sample.label.toLowerCase()}.`) : answer(other(sample.label)),
    );
    const file = toResultsFile(
      samples.map((sample, i) =>
        toResultRow(
          { imageA: sample.imageAPath, imageB: sample.imageBPath, question: "", label: sample.label },
          outputs[i]!,
        ),
      ),
    );
    const { status, body } = await postResults(file);
    expect(status).toBe(201);
    const run = body.run;
    expect(run).toMatchObject({
      status: "completed",
      source: "imported",
      model: "gpt-4o",
      subset: { id: subsetId, name: "TEST_SP_ID", sampleCount: 6 },
    });
    expect(run.progress).toMatchObject({ done: 6, total: 6 });
    expect(run.summary.strict).toMatchObject({ successes: 4, n: 6 });
    expect(run.summary.lenient).toMatchObject({ successes: 5, n: 6 });
    expect(run.summary.official).toMatchObject({ successes: 4, n: 6 });
    expect(run.summary.strict.value! * 100).toBeCloseTo(file.accuracy, 10);
    expect(run.summary.formatValid).toMatchObject({ successes: 6, n: 6 });
  });

  it("refuses a file with a row that matches no sample, naming the row", async () => {
    const samples = await findBenchmarkSamples(database, subsetId);
    const rows = samples.map((sample) =>
      toResultRow(
        { imageA: sample.imageAPath, imageB: sample.imageBPath, question: "", label: sample.label },
        answer(sample.label),
      ),
    );
    rows[3] = { ...rows[3]!, imageB: "elsewhere/b.jpg" };
    const refused = await postResults(toResultsFile(rows));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /^results\.3: no sample of TEST_SP_ID has imageA .* and imageB "elsewhere\/b.jpg"/,
    );

    rows[3] = { ...rows[2]! };
    expect((await postResults(toResultsFile(rows))).body.error.message).toMatch(/^results\.3: no sample .*named twice/);

    rows[3] = {
      ...toResultRow(
        {
          imageA: samples[3]!.imageAPath,
          imageB: samples[3]!.imageBPath,
          question: "",
          label: other(samples[3]!.label),
        },
        answer("Image A"),
      ),
    };
    expect((await postResults(toResultsFile(rows))).body.error.message).toMatch(
      /^results\.3: ground_truth .* is not the label of sample/,
    );
  });

  it("refuses what is not a results file, and someone else's subset is not there", async () => {
    const bad = await postResults({ accuracy: 50, results: [{ imageA: "x" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Not an official results file: results\.0\.imageB/);
    expect((await postResults({ accuracy: 0, results: [] }, otherSession)).status).toBe(404);
  });
});
