import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBenchmarkSubsets } from "@/lib/db/benchmark-subsets";
import { createCompletedRun } from "@/lib/db/evaluation-runs";
import type { Database } from "@/lib/db/open-database";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson, type TestPerson } from "@/test/fixtures/people";
import { callRoute } from "@/test/route-harness";
import { makeJpeg } from "@/test/image-samples";
import { openTestDatabase } from "@/test/test-databases";

/** Annotation through the HTTP API: a queue from a run, two annotators, undo, review, agreement and both exports. */

const dataDir = mkdtempSync(join(tmpdir(), "studio-annotation-"));
const cleanOutput = readFileSync("lib/preferthinker/__fixtures__/clean-a.txt", "utf8");
const routes = {
  queues: () => import("@/app/api/annotation/queues/route"),
  queue: () => import("@/app/api/annotation/queues/[id]/route"),
  work: () => import("@/app/api/annotation/work/route"),
  claims: () => import("@/app/api/annotation/queues/[id]/claims/route"),
  review: () => import("@/app/api/annotation/queues/[id]/review/route"),
  exports: () => import("@/app/api/annotation/queues/[id]/export/route"),
  annotations: () => import("@/app/api/annotation/items/[id]/annotations/route"),
  resolution: () => import("@/app/api/annotation/items/[id]/resolution/route"),
  undo: () => import("@/app/api/annotation/annotations/[id]/route"),
  images: () => import("@/app/api/images/route"),
};

type Item = {
  id: string;
  scores: { A: { score: number | null }[] };
  prechecks: { code: string }[];
  images: { candidates: string[] };
};

type ProfileEntry = { judgment: string; correction: string | null };
type ScoreEntry = { corrected: number | null; flags: string[]; rationale: string | null };

const gold = () => {
  const profile: ProfileEntry[] = Array.from({ length: 5 }, () => ({ judgment: "right", correction: null }));
  const scores: ScoreEntry[] = Array.from({ length: 5 }, () => ({ corrected: null, flags: [], rationale: null }));
  return {
    profile: { preference: profile, nonPreference: profile },
    scores: { A: scores, B: scores },
    verdict: "gold",
    comment: null,
  };
};

/** Corrects Image A's colour score to 1 and the preferred colour term. */
const corrected = () => {
  const body = gold();
  body.scores = {
    A: body.scores.A.map((entry, index) =>
      index === 1 ? { corrected: 1, flags: ["contradicts-image"], rationale: "mostly cool blues" } : entry,
    ),
    B: body.scores.B,
  };
  body.profile = {
    preference: body.profile.preference.map((entry, index) =>
      index === 1 ? { judgment: "wrong", correction: "Teal and sand" } : entry,
    ),
    nonPreference: body.profile.nonPreference,
  };
  return { ...body, verdict: "corrected" };
};

setEnvironmentForSuite({ DATA_DIR: dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(["embedded", "postgres"] as const)("annotation on the %s database", (kind) => {
  let database: Database;
  let researcher: TestPerson;
  let first: TestPerson;
  let second: TestPerson;
  let queueId: string;
  let runId: string;

  const call = async (
    route: keyof typeof routes,
    method: string,
    path: string,
    as: TestPerson,
    options: { params?: Record<string, string>; body?: unknown } = {},
  ) => callRoute(await routes[route](), method, path, { sessionToken: as.sessionToken, ...options });

  async function uploadImages(count: number): Promise<string[]> {
    const form = new FormData();
    for (let index = 0; index < count; index++)
      form.append(
        "files",
        new Blob([new Uint8Array(await makeJpeg(40 + index, 30, { seed: index }))]),
        `p${index}.jpg`,
      );
    const response = await call("images", "POST", "/api/images", researcher, { body: form });
    return ((await response.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id);
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    researcher = await signUpPerson(`researcher-${kind}@example.com`, { roles: ["researcher"] });
    first = await signUpPerson(`first-${kind}@example.com`, { roles: ["annotator"] });
    second = await signUpPerson(`second-${kind}@example.com`, { roles: ["annotator"] });
    const [p1, p2, n1, n2, a, b] = await uploadImages(6);
    const samples = [0, 1, 2].map((index) => ({
      index,
      officialOrder: index,
      imageAId: a!,
      imageBId: b!,
      preferredImageIds: [p1!, p2!],
      nonPreferredImageIds: [n1!, n2!],
      imageAPath: "a.jpg",
      imageBPath: "b.jpg",
      preferredPaths: [],
      nonPreferredPaths: [],
      label: index === 2 ? "Image B" : "Image A",
      userId: null,
      preferAttributes: null,
      nonPreferAttributes: null,
    }));
    const [subset] = await createBenchmarkSubsets(database, researcher.id, [
      { name: "TEST_SP_ID", source: "test", samples },
    ]);
    const stored = await database.prisma.benchmarkSample.findMany({
      where: { subsetId: subset!.id },
      orderBy: { index: "asc" },
    });
    const run = await createCompletedRun(
      database,
      {
        ownerId: researcher.id,
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
        output: cleanOutput,
        parsed: {},
        strictCorrect: true,
        lenientCorrect: true,
        formatValid: true,
        issueCodes: [],
        officialCorrect: null,
        milliseconds: 5,
      })),
    );
    runId = run.id;
    const created = await call("queues", "POST", "/api/annotation/queues", researcher, {
      body: {
        name: "Run check",
        filter: { source: "run", runId: run.id },
        requiredAnnotations: 2,
        annotators: [`first-${kind}@example.com`, `second-${kind}@example.com`],
      },
    });
    expect(created.status).toBe(201);
    const made = ((await created.json()) as { queue: { id: string; items: number; mayWork: boolean } }).queue;
    // A researcher makes queues but does not annotate: the page offers no way to start on this one.
    expect(made.mayWork).toBe(false);
    queueId = made.id;
  });
  afterAll(async () => {
    await database.close();
  });

  const claim = async (as: TestPerson) =>
    (await (
      await call("claims", "POST", `/api/annotation/queues/${queueId}/claims`, as, { params: { id: queueId } })
    ).json()) as { item: Item | null; remaining: number };
  const submit = (as: TestPerson, itemId: string, body: unknown) =>
    call("annotations", "POST", `/api/annotation/items/${itemId}/annotations`, as, { params: { id: itemId }, body });

  it("hands out items with their parsed output, pictures and pre-checks; refuses a gold verdict that carries corrections", async () => {
    const { item, remaining } = await claim(first);
    expect(remaining).toBe(3);
    expect(item!.scores.A.map((cell) => cell.score)).toEqual([5, 5, 4, 4, 4]);
    expect(item!.images.candidates).toHaveLength(2);
    expect(item!.prechecks).toEqual([]);
    expect((await submit(first, item!.id, { ...corrected(), verdict: "gold" })).status).toBe(400);
  });

  it("lets an annotator undo a submit and get the same item back", async () => {
    const { item } = await claim(first);
    const response = await submit(first, item!.id, gold());
    expect(response.status).toBe(201);
    const { annotation } = (await response.json()) as { annotation: { id: string } };
    const undone = await call("undo", "DELETE", `/api/annotation/annotations/${annotation.id}`, first, {
      params: { id: annotation.id },
    });
    expect(undone.status).toBe(200);
    expect((await claim(first)).item!.id).toBe(item!.id);
  });

  it("sends disagreements to review, computes agreement, and exports the settled items with corrections and pictures", async () => {
    // Item 0: both gold. Item 1: both correct it the same way. Item 2: gold against rejected (a dispute).
    const plan = [gold(), corrected(), gold()];
    for (const [person, verdictFor] of [
      [first, (index: number) => plan[index]],
      [second, (index: number) => (index === 2 ? { ...gold(), verdict: "rejected" } : plan[index])],
    ] as const) {
      for (let index = 0; index < 3; index++) {
        const { item } = await claim(person);
        expect((await submit(person, item!.id, verdictFor(index))).status).toBe(201);
      }
      expect((await claim(person)).item).toBeNull();
    }
    const review = (await (
      await call("review", "GET", `/api/annotation/queues/${queueId}/review`, researcher, { params: { id: queueId } })
    ).json()) as { items: { item: { id: string; prechecks: { code: string }[] } }[] };
    expect(review.items).toHaveLength(1);
    expect(review.items[0]!.item.prechecks.map((check) => check.code)).toContain("answer-contradicts-label");

    const detail = (await (
      await call("queue", "GET", `/api/annotation/queues/${queueId}`, researcher, { params: { id: queueId } })
    ).json()) as {
      queue: {
        states: Record<string, number>;
        agreement: { verdict: { kappa: { value: number | null; n: number }; alpha: { n: number } } };
      };
    };
    expect(detail.queue.states).toEqual({ open: 0, disputed: 1, resolved: 0, settled: 2 });
    // Verdicts (first, second): gold/gold, corrected/corrected, gold/rejected: p_o = 2/3,
    // p_e = (2/3)(1/3) + (1/3)(1/3) + 0 = 1/3, kappa = (2/3 - 1/3) / (2/3) = 0.5.
    expect(detail.queue.agreement.verdict.kappa.value).toBeCloseTo(0.5, 10);
    expect(detail.queue.agreement.verdict.kappa.n).toBe(3);

    const disputedId = review.items[0]!.item.id;
    expect(
      (
        await call("resolution", "PUT", `/api/annotation/items/${disputedId}/resolution`, researcher, {
          params: { id: disputedId },
          body: { ...gold(), verdict: "rejected" },
        })
      ).status,
    ).toBe(200);

    const zipResponse = await call(
      "exports",
      "GET",
      `/api/annotation/queues/${queueId}/export?format=sharegpt`,
      researcher,
      { params: { id: queueId } },
    );
    expect(zipResponse.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await zipResponse.arrayBuffer()));
    const samples = JSON.parse(strFromU8(files["data.json"]!)) as {
      messages: { role: string; content: string }[];
      images: string[];
    }[];
    expect(samples).toHaveLength(2);
    const [asWritten, withCorrections] = samples;
    expect(asWritten!.messages.at(-1)!.content).toBe(cleanOutput);
    expect(withCorrections!.messages.at(-1)!.content).toContain('"Color": "Teal and sand"');
    expect(withCorrections!.messages.at(-1)!.content).toContain("Image A(1) - mostly cool blues");
    expect(withCorrections!.messages.at(-1)!.content).toContain("Image A: total_score=5+1+4+4+4=18");
    expect(withCorrections!.messages[1]!.content.match(/<image>/g)).toHaveLength(6);
    for (const path of withCorrections!.images) expect(files[path]?.byteLength).toBeGreaterThan(100);
    expect(JSON.parse(strFromU8(files["dataset_info.json"]!))).toBeTypeOf("object");

    const jsonl = await (
      await call("exports", "GET", `/api/annotation/queues/${queueId}/export?format=jsonl`, researcher, {
        params: { id: queueId },
      })
    ).text();
    const lines = jsonl
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { kind: string });
    expect(lines.filter((line) => line.kind === "annotation")).toHaveLength(6);
    expect(lines.filter((line) => line.kind === "resolution")).toHaveLength(1);
  });

  it("tells the maker of a new queue whether they may start on it at once: when they annotate and it is open to them", async () => {
    const admin = await signUpPerson(`admin-${kind}@example.com`, { roles: ["admin"] });
    type Made = { queue: { id: string; items: number; availableToMe: number; mayWork: boolean } };
    const make = async (annotators: string[]) =>
      (
        (await (
          await call("queues", "POST", "/api/annotation/queues", admin, {
            body: { name: "Second look", filter: { source: "run", runId }, annotators },
          })
        ).json()) as Made
      ).queue;
    const open = await make([]);
    expect(open).toMatchObject({ items: 3, availableToMe: 3, mayWork: true });
    const named = await make([`first-${kind}@example.com`]);
    expect(named.mayWork).toBe(false);
    // The annotator it names finds it among their queues, open to them.
    const work = (await (await call("work", "GET", "/api/annotation/work", first)).json()) as {
      queues: { id: string; mayWork: boolean }[];
    };
    expect(work.queues.find((queue) => queue.id === named.id)?.mayWork).toBe(true);
  });
});
