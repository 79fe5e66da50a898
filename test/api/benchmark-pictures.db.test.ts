import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvaluationRunJson, ResultDetailJson, ResultRowJson } from "@/lib/benchmarks/benchmark-contract";
import { findBenchmarkSamples } from "@/lib/db/benchmark-subsets";
import type { Database } from "@/lib/db/open-database";
import type { Role } from "@/lib/db/users";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import type { ImagePage } from "@/lib/images/image-contract";
import { toResultRow, toResultsFile } from "@/lib/preferthinker/results-format";
import { importBenchmarkFolder } from "@/test/fixtures/benchmark-imports";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/**
 * Pictures imported with a benchmark subset belong to the subset: its runs,
 * results and failure browser show them to whoever may see the benchmark
 * (its owner, and admins), and they are never listed among anyone's images.
 */

const dataDir = mkdtempSync(join(tmpdir(), "studio-benchmark-pictures-"));
const demo = join(dataDir, "demo");
let database: Database;
const sessions: Record<"researcher" | "other" | "admin", string> = { researcher: "", other: "", admin: "" };
let subsetId: string;
let run: EvaluationRunJson;

const routes = {
  images: () => import("@/app/api/images/route"),
  file: () => import("@/app/api/images/[id]/[variant]/route"),
  results: () => import("@/app/api/benchmarks/subsets/[id]/results/route"),
  rows: () => import("@/app/api/benchmarks/runs/[id]/results/route"),
  detail: () => import("@/app/api/benchmarks/results/[id]/route"),
  assessments: () => import("@/app/api/assessments/route"),
  demoImport: () => import("@/app/api/demo/samples/import/route"),
};

const sessionFor = async (email: string, roles: Role[]) =>
  (await createPersonWithRoles(database, email, roles)).sessionToken;

const listImages = async (as: string, query = "") =>
  (await (
    await callRoute(await routes.images(), "GET", `/api/images${query}`, { sessionToken: as })
  ).json()) as ImagePage;
const thumbStatus = async (id: string, as: string) =>
  (
    await callRoute(await routes.file(), "GET", `/api/images/${id}/thumb`, {
      sessionToken: as,
      params: { id, variant: "thumb" },
    })
  ).status;

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: demo });
beforeAll(async () => {
  await writeDemoBenchmark(demo, { sizes: { TEST_SP_ID: 4 } });
  database = await openTestDatabase("postgres");
  sessions.researcher = await sessionFor("researcher@example.com", ["researcher"]);
  sessions.other = await sessionFor("other-researcher@example.com", ["researcher"]);
  sessions.admin = await sessionFor("admin@example.com", ["admin"]);
  subsetId = (await importBenchmarkFolder(sessions.researcher, demo, ["TEST_SP_ID"])).TEST_SP_ID!;
  const samples = await findBenchmarkSamples(database, subsetId);
  const answer = `<visual preference profile>\n"Color": "warm"\n</visual preference profile>\n<visual non-preference profile>\n"Color": "cold"\n</visual non-preference profile>\n<think>\nshort\n</think>\n<answer>Image A</answer>`;
  const rows = samples.map((sample) =>
    toResultRow({ imageA: sample.imageAPath, imageB: sample.imageBPath, question: "", label: sample.label }, answer),
  );
  const results = await callRoute(
    await routes.results(),
    "POST",
    `/api/benchmarks/subsets/${subsetId}/results?model=pictures`,
    { sessionToken: sessions.researcher, params: { id: subsetId }, body: toResultsFile(rows) },
  );
  expect(results.status).toBe(201);
  run = ((await results.json()) as { run: EvaluationRunJson }).run;
}, 60_000);

afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a benchmark's pictures", () => {
  it("are not listed by GET /api/images, for the researcher who imported them or anyone else", async () => {
    for (const as of Object.values(sessions)) {
      const page = await listImages(as);
      expect(page).toMatchObject({ images: [], total: 0, libraryTotal: 0 });
    }
    // Not by name either, and not through the lookup by id.
    expect((await listImages(sessions.researcher, "?name=liked")).images).toEqual([]);
    const [sample] = await findBenchmarkSamples(database, subsetId);
    expect((await listImages(sessions.researcher, `?ids=${sample!.imageAId},${sample!.imageBId}`)).images).toEqual([]);
  });

  it("are readable through the run's results by whoever may see the benchmark: its owner and admins", async () => {
    const rowsResponse = await callRoute(await routes.rows(), "GET", `/api/benchmarks/runs/${run.id}/results`, {
      sessionToken: sessions.researcher,
      params: { id: run.id },
    });
    const rows = ((await rowsResponse.json()) as { results: ResultRowJson[] }).results;
    expect(rows).toHaveLength(4);
    for (const as of ["researcher", "admin"] as const) {
      const detailResponse = await callRoute(await routes.detail(), "GET", `/api/benchmarks/results/${rows[0]!.id}`, {
        sessionToken: sessions[as],
        params: { id: rows[0]!.id },
      });
      expect(detailResponse.status).toBe(200);
      const { sample } = (await detailResponse.json()) as ResultDetailJson;
      const pictures = [sample.imageAId, sample.imageBId, ...sample.preferredImageIds, ...sample.nonPreferredImageIds];
      expect(pictures).toHaveLength(12);
      for (const id of pictures) expect(await thumbStatus(id, sessions[as])).toBe(200);
    }
    // Another researcher reaches neither the result nor its pictures.
    const foreign = await callRoute(await routes.detail(), "GET", `/api/benchmarks/results/${rows[0]!.id}`, {
      sessionToken: sessions.other,
      params: { id: rows[0]!.id },
    });
    expect(foreign.status).toBe(404);
    const [sample] = await findBenchmarkSamples(database, subsetId);
    expect(await thumbStatus(sample!.imageAId, sessions.other)).toBe(404);
  });

  it("cannot be picked for an assessment: they are the benchmark's, not the researcher's own", async () => {
    const [sample] = await findBenchmarkSamples(database, subsetId);
    const response = await callRoute(await routes.assessments(), "POST", "/api/assessments", {
      sessionToken: sessions.researcher,
      body: {
        preferredImageIds: sample!.preferredImageIds.slice(0, 1),
        nonPreferredImageIds: sample!.nonPreferredImageIds.slice(0, 1),
        candidateImageIds: [sample!.imageAId, sample!.imageBId],
        mode: "fast",
      },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /^These images are not in your library: /,
    );
  });

  it("join the library when the researcher uploads the same bytes, under the upload's name, and the subset keeps them", async () => {
    const [sample] = await findBenchmarkSamples(database, subsetId);
    const bytes = readFileSync(join(demo, "images", sample!.imageAPath));
    const form = new FormData();
    form.append("files", new Blob([new Uint8Array(bytes)]), "my-own-copy.jpg");
    const uploaded = await callRoute(await routes.images(), "POST", "/api/images", {
      sessionToken: sessions.researcher,
      body: form,
    });
    const file = (
      (await uploaded.json()) as {
        files: { image: { id: string; name: string; source: string; isDuplicate: boolean } }[];
      }
    ).files[0]!;
    expect(file.image).toMatchObject({
      id: sample!.imageAId,
      name: "my-own-copy.jpg",
      source: "upload",
      isDuplicate: false,
    });
    const page = await listImages(sessions.researcher);
    expect(page.images.map((image) => image.id)).toEqual([sample!.imageAId]);
    expect((await findBenchmarkSamples(database, subsetId))[0]!.imageAId).toBe(sample!.imageAId);
  });

  it("are copied into the library on purpose by Take a demo set: twelve pictures from a demo person", async () => {
    const response = await callRoute(await routes.demoImport(), "POST", "/api/demo/samples/import", {
      sessionToken: sessions.other,
      body: { subset: "TEST_SP_ID", index: 0 },
    });
    expect(response.status).toBe(201);
    const page = await listImages(sessions.other);
    expect(page.total).toBe(12);
    expect(new Set(page.images.map((image) => image.source))).toEqual(new Set(["demo"]));
    expect((await listImages(sessions.other, "?source=upload")).total).toBe(0);
  });
});
