import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createBenchmarkSubsets } from "@/lib/db/benchmark-subsets";
import { createCompletedRun } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { saveSimilarityVotes } from "@/lib/db/similarity-votes";
import { getImageLibrary } from "@/lib/images/image-library";
import { exportAnnotationsJsonl, exportShareGptZip } from "@/lib/server/annotation/export-queue";
import { exportCsvResults, exportOfficialResults } from "@/lib/server/benchmarks/export-run";
import { setEnvironment, setEnvironmentForSuite } from "@/test/fixtures/environment";
import { createPersonWithRoles } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { acceptedOutput, seedAcceptedQueue, seedPictures } from "@/test/seed-accepted-queue";
import { openTestDatabase } from "@/test/test-databases";

/**
 * Exports streamed from keyset pages: with pages far smaller than the queue
 * or run, a download holds every item once, in order, with each picture
 * stored once, exactly as the one-page (default) export has it; and a client
 * that goes away stops the database reads.
 */

const dataDir = mkdtempSync(join(tmpdir(), "studio-streaming-exports-"));
const routes = {
  queueExport: () => import("@/app/api/annotation/queues/[id]/export/route"),
  runExport: () => import("@/app/api/benchmarks/runs/[id]/export/route"),
};
const pageSize = 4;
const itemCount = 23;

setEnvironmentForSuite({ DATA_DIR: dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const collect = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());
const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The zip's entry names in the order its central directory lists them, repeats included (unzipSync's object would hide them). */
function entryNames(zip: Uint8Array): string[] {
  const names: string[] = [];
  unzipSync(zip, {
    filter: (file) => {
      names.push(file.name);
      return false;
    },
  });
  return names;
}

describe.each(["embedded", "postgres"] as const)("streamed exports on the %s database", (kind) => {
  let database: Database;
  let session: string;
  let ownerId: string;
  let queueId: string;
  let runId: string;
  let brokenItemId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const owner = await createPersonWithRoles(database, `exports-${kind}@example.com`, ["researcher", "annotator"]);
    ownerId = owner.id;
    session = owner.sessionToken;
    // Seven pictures over 23 items of six pictures each: every page reuses pictures earlier pages already put in the zip.
    const pictures = await seedPictures(database, getImageLibrary().store, owner.id, 7);
    queueId = await seedAcceptedQueue(database, {
      ownerId: owner.id,
      annotatorId: owner.id,
      pictureIds: pictures,
      items: itemCount,
    });
    // Every fourth item rejected (left out of the dataset), and one whose candidate is no longer in the library (skipped).
    await database.prisma
      .$executeRaw`UPDATE annotation a SET verdict = 'rejected', body = jsonb_set(a.body, '{verdict}', '"rejected"')
      FROM annotation_item i WHERE i.id = a.item_id AND i.queue_id = ${queueId}::uuid AND i.position % 4 = 1`;
    const broken = await database.prisma.annotationItem.update({
      where: { queueId_position: { queueId, position: 10 } },
      data: { candidateImageIds: [pictures[0]!, "00000000-0000-4000-8000-000000000000"] },
    });
    brokenItemId = broken.id;

    // A run of 17 samples whose official order is not the file's, with results for 15 of them and a few DreamSim votes.
    const samples = Array.from({ length: 17 }, (_, index) => ({
      index,
      officialOrder: (index * 5) % 17,
      imageAId: pictures[0]!,
      imageBId: pictures[1]!,
      preferredImageIds: [pictures[2]!],
      nonPreferredImageIds: [pictures[3]!],
      imageAPath: `a-${index}.jpg`,
      imageBPath: `b-${index}.jpg`,
      preferredPaths: [],
      nonPreferredPaths: [],
      label: index % 3 === 0 ? "Image B" : "Image A",
      userId: null,
      preferAttributes: null,
      nonPreferAttributes: null,
    }));
    const [subset] = await createBenchmarkSubsets(database, owner.id, [
      { name: "TEST_SP_ID", source: "streaming", samples },
    ]);
    const stored = (
      await database.prisma.benchmarkSample.findMany({ where: { subsetId: subset!.id }, orderBy: { index: "asc" } })
    ).filter((sample) => sample.index !== 4 && sample.index !== 11);
    const run = await createCompletedRun(
      database,
      {
        ownerId: owner.id,
        subsetId: subset!.id,
        provider: "openai-compatible",
        endpoint: "default",
        model: "preferthinker-7b",
        mode: "reasoning",
        templateId: "preferthinker-v1",
        history: 5,
        concurrency: 1,
        source: "app",
      },
      stored.map((sample) => ({
        sampleId: sample.id,
        output:
          sample.index % 2
            ? acceptedOutput
            : acceptedOutput.replace("<answer>Image A</answer>", "<answer>Image B</answer>"),
        parsed: {},
        strictCorrect: sample.index % 2 === 1,
        lenientCorrect: true,
        formatValid: true,
        issueCodes: [],
        officialCorrect: null,
        milliseconds: sample.index,
      })),
    );
    runId = run.id;
    const votes = ["Image A", "Image B", "tie"];
    await saveSimilarityVotes(
      database,
      runId,
      stored.slice(0, 6).map((sample, index) => ({
        sampleId: sample.id,
        vote: votes[index % 3]!,
        distances: { a: { liked: [0.1], disliked: [0.2] }, b: { liked: [0.3], disliked: [0.4] } },
        modelVersion: "test",
      })),
    );
  });
  afterAll(async () => {
    await database.close();
  });

  /** What the dataset must hold: the accepted items' pictures, in queue order, as zip paths. */
  async function expectedSamplePictures(): Promise<string[][]> {
    const items = await database.prisma.annotationItem.findMany({ where: { queueId }, orderBy: { position: "asc" } });
    const images = await database.prisma.image.findMany({ where: { ownerId } });
    const pathOf = new Map(images.map((image) => [image.id, `images/${image.sha256}.jpg`]));
    return items
      .filter((item) => item.position % 4 !== 1 && item.id !== brokenItemId)
      .map((item) =>
        [...item.preferredImageIds, ...item.nonPreferredImageIds, ...item.candidateImageIds].map((id) =>
          pathOf.get(id)!,
        ),
      );
  }

  it("zips every accepted item of a queue many pages long, each picture once, data.json in queue order as the one-page export writes it", async () => {
    const queue = (await database.prisma.annotationQueue.findUnique({ where: { id: queueId } }))!;
    const zip = await collect(exportShareGptZip(database, queue, { pageSize }));
    const names = entryNames(zip);
    const pictures = names.filter((name) => name.startsWith("images/"));
    const expected = await expectedSamplePictures();
    expect(new Set(pictures).size).toBe(pictures.length);
    expect(new Set(pictures)).toEqual(new Set(expected.flat()));
    // Pictures first, then the dataset's files, as before.
    expect(names.slice(pictures.length)).toEqual(["data.json", "dataset_info.json", "skipped.json"]);

    const files = unzipSync(zip);
    for (const path of pictures) expect(`images/${sha256Of(files[path]!)}.jpg`).toBe(path);
    const dataJson = strFromU8(files["data.json"]!);
    const samples = JSON.parse(dataJson) as { messages: { role: string; content: string }[]; images: string[] }[];
    expect(samples.map((sample) => sample.images)).toEqual(expected);
    for (const sample of samples) expect(sample.messages.at(-1)!.content).toBe(acceptedOutput);
    // Laid out exactly as JSON.stringify(samples, null, 2) lays it out, which LLaMA-Factory has always been given.
    expect(dataJson).toBe(JSON.stringify(samples, null, 2));
    expect(JSON.parse(strFromU8(files["skipped.json"]!))).toEqual([
      { itemId: brokenItemId, reason: "its pictures are no longer stored" },
    ]);
    expect(Object.keys(JSON.parse(strFromU8(files["dataset_info.json"]!)) as object)).toEqual([
      `preferthinker_annotated_${queueId.slice(0, 8)}`,
    ]);

    // The route (one page) sends the same entries with the same contents, streamed: no Content-Length.
    const response = await callRoute(
      await routes.queueExport(),
      "GET",
      `/api/annotation/queues/${queueId}/export?format=sharegpt`,
      { sessionToken: session, params: { id: queueId } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-length")).toBeNull();
    const routed = new Uint8Array(await response.arrayBuffer());
    expect(entryNames(routed)).toEqual(names);
    expect(unzipSync(routed)).toEqual(files);
  });

  it("writes every annotation as a JSON line, in queue order, the same in small pages as in one", async () => {
    const queue = (await database.prisma.annotationQueue.findUnique({ where: { id: queueId } }))!;
    const text = new TextDecoder().decode(await collect(exportAnnotationsJsonl(database, queue, { pageSize })));
    const lines = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { kind: string; position: number; verdict: string });
    expect(lines).toHaveLength(itemCount);
    expect(lines.map((line) => line.position)).toEqual(Array.from({ length: itemCount }, (_, position) => position));
    expect(lines.filter((line) => line.verdict === "rejected")).toHaveLength(6);
    const routed = await callRoute(
      await routes.queueExport(),
      "GET",
      `/api/annotation/queues/${queueId}/export?format=jsonl`,
      { sessionToken: session, params: { id: queueId } },
    );
    expect(routed.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(await routed.text()).toBe(text);
  });

  it("writes a run's CSV and official results in the official order across pages, the same in small pages as in one", async () => {
    const order = (
      await database.prisma.evaluationResult.findMany({
        where: { runId },
        select: { sample: { select: { index: true, officialOrder: true } } },
      })
    )
      .map(({ sample }) => sample)
      .sort((a, b) => a.officialOrder - b.officialOrder)
      .map((sample) => sample.index);
    expect(order).toHaveLength(15);

    const csv = new TextDecoder().decode(await collect(exportCsvResults(database, runId, { pageSize })));
    const rows = csv.trimEnd().split("\r\n");
    expect(rows[0]).toBe(
      "index,imageA,imageB,label,answer,strict_correct,lenient_correct,format_valid,issues,milliseconds,cached,swap_answer,swap_strict_correct,swap_consistent,dreamsim_vote,dreamsim_agrees",
    );
    expect(rows.slice(1).map((row) => Number(row.split(",")[0]))).toEqual(order);
    // DreamSim's votes sit on their samples' rows wherever the pages break (a tie agrees with neither answer).
    expect(rows.filter((row) => /,(Image A,(true|false)|Image B,(true|false)|tie,)$/.test(row))).toHaveLength(6);
    const routedCsv = await callRoute(
      await routes.runExport(),
      "GET",
      `/api/benchmarks/runs/${runId}/export?format=csv`,
      { sessionToken: session, params: { id: runId } },
    );
    expect(routedCsv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await routedCsv.text()).toBe(csv);

    const official = new TextDecoder().decode(await collect(exportOfficialResults(database, runId, { pageSize })));
    const file = JSON.parse(official) as { accuracy: number; results: { imageA: string; correct: number }[] };
    expect(file.results.map((row) => row.imageA)).toEqual(order.map((index) => `a-${index}.jpg`));
    expect(file.accuracy).toBe((file.results.filter((row) => row.correct === 1).length / 15) * 100);
    const routedOfficial = await callRoute(
      await routes.runExport(),
      "GET",
      `/api/benchmarks/runs/${runId}/export?format=official`,
      { sessionToken: session, params: { id: runId } },
    );
    expect(routedOfficial.headers.get("content-type")).toBe("application/json");
    expect(await routedOfficial.text()).toBe(official);
  });

  it("stops reading the database and removes its temporary file when the download is cancelled or the client goes away", async () => {
    const queue = (await database.prisma.annotationQueue.findUnique({ where: { id: queueId } }))!;
    let pageReads = 0;
    const counted = database.prisma.$extends({
      query: {
        annotationItem: {
          findMany: ({ args, query }) => {
            pageReads++;
            return query(args);
          },
        },
      },
    });
    const counting: Database = { ...database, prisma: counted as unknown as Database["prisma"] };
    const spoolDir = mkdtempSync(join(tmpdir(), "studio-spool-"));
    onTestFinished(setEnvironment({ TMPDIR: spoolDir }));
    try {
      // Pages of two: the whole queue is twelve reads.
      const zipReader = exportShareGptZip(counting, queue, { pageSize: 2 }).getReader();
      expect((await zipReader.read()).done).toBe(false);
      expect(readdirSync(spoolDir)).toHaveLength(1);
      const readsBeforeCancel = pageReads;
      await zipReader.cancel();
      await new Promise((settle) => setTimeout(settle, 50));
      expect(pageReads).toBe(readsBeforeCancel);
      expect(readsBeforeCancel).toBeLessThan(3);
      expect(readdirSync(spoolDir)).toEqual([]);

      pageReads = 0;
      const client = new AbortController();
      const linesReader = exportAnnotationsJsonl(counting, queue, { pageSize: 2, signal: client.signal }).getReader();
      expect((await linesReader.read()).done).toBe(false);
      client.abort();
      // Cut short, not ended: what was sent can never pass for the whole file.
      await expect(linesReader.read()).rejects.toThrow();
      expect(pageReads).toBe(1);
    } finally {
      rmSync(spoolDir, { recursive: true, force: true });
    }
  });
});
