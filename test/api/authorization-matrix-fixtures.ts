import { randomUUID } from "node:crypto";
import { createAnnotationQueue } from "@/lib/db/annotation-queues";
import { createBenchmarkSubsets, findBenchmarkSamples } from "@/lib/db/benchmark-subsets";
import { findResultRows } from "@/lib/db/evaluation-results";
import {
  createCompletedRun,
  createEvaluationRun,
  type EvaluationRunStatus,
  saveEvaluationResults,
} from "@/lib/db/evaluation-runs";
import { findLibraryImages } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { createSession } from "@/lib/db/sessions";
import { createTasteSession } from "@/lib/db/taste-sessions";
import { makeJpeg, makePng } from "@/test/image-samples";
import { callRoute } from "@/test/route-harness";

/**
 * What the authorization matrix's requests need, made straight in the
 * database or through the routes themselves: owned images, subsets, runs,
 * results, queues and assessments.
 */

let counter = 0;
/** A number not used before in this test run, for names that must differ. */
export const nextNumber = () => counter++;

/** A reference set of no images, made straight in the database. */
/** A reference set of the owner's, named afresh each time: names are unique per person. */
export const ownerSet = () => ({
  name: `Owned ${nextNumber()}`,
  preferredImageIds: [],
  nonPreferredImageIds: [],
  statedProfile: null,
});

/** An image of the owner's, uploaded through the route itself. */
export async function ownerImageId(database: Database, ownerId: string): Promise<string> {
  const session = await createSession(database, ownerId);
  const form = new FormData();
  // Distinct bytes each time: the same bytes again would return the same image.
  form.append("files", new Blob([new Uint8Array(await makePng(16 + (nextNumber() % 200), 16))]), "owned.png");
  const imagesRoute = await import("@/app/api/images/route");
  const response = await callRoute(imagesRoute, "POST", "/api/images", { body: form, sessionToken: session.token });
  return ((await response.json()) as { files: { image: { id: string } }[] }).files[0]!.image.id;
}

/** An empty subset of the researcher's, made straight in the database. */
export async function researcherSubsetId(database: Database, ownerId: string): Promise<string> {
  const [subset] = await createBenchmarkSubsets(database, ownerId, [
    { name: "TEST_SP_ID", source: `matrix-${nextNumber()}`, samples: [] },
  ]);
  return subset!.id;
}

/** A run of the researcher's (on a new empty subset unless given one), queued unless told otherwise, made straight in the database (nothing runs it). */
export async function researcherRunId(
  database: Database,
  ownerId: string,
  options: { subsetId?: string; status?: EvaluationRunStatus } = {},
): Promise<string> {
  const subsetId = options.subsetId ?? (await researcherSubsetId(database, ownerId));
  const run = await createEvaluationRun(database, {
    ownerId,
    subsetId,
    provider: "baseline",
    endpoint: "baseline",
    model: "baseline-image-statistics",
    mode: "reasoning",
    templateId: "preferthinker-v1",
    history: 5,
    concurrency: 1,
    source: "app",
    status: options.status ?? "queued",
  });
  return run.id;
}

/** A stored result of a researcher's run, on a subset of one sample, made straight in the database. */
export async function researcherResultId(database: Database, ownerId: string): Promise<string> {
  const picture = "00000000-0000-4000-8000-000000000000";
  const sample = {
    index: 0,
    officialOrder: 0,
    imageAId: picture,
    imageBId: picture,
    preferredImageIds: [picture],
    nonPreferredImageIds: [picture],
    imageAPath: "a.jpg",
    imageBPath: "b.jpg",
    preferredPaths: ["p.jpg"],
    nonPreferredPaths: ["n.jpg"],
    label: "Image A",
    userId: null,
    preferAttributes: null,
    nonPreferAttributes: null,
  };
  const [subset] = await createBenchmarkSubsets(database, ownerId, [
    { name: "TEST_SP_ID", source: `matrix-${nextNumber()}`, samples: [sample] },
  ]);
  const runId = await researcherRunId(database, ownerId, { subsetId: subset!.id });
  const [stored] = await findBenchmarkSamples(database, subset!.id);
  await saveEvaluationResults(database, runId, [
    {
      sampleId: stored!.id,
      output: "<answer>Image A</answer>",
      strictCorrect: true,
      lenientCorrect: true,
      formatValid: false,
      issueCodes: [],
      officialCorrect: null,
      milliseconds: 1,
      parsed: {},
    },
  ]);
  return (await findResultRows(database, runId, { limit: 1 }))[0]!.id;
}

/** A queued run over a subset of one sample (one reference per side), made straight in the database. */
export async function researcherRunWithSample(
  database: Database,
  ownerId: string,
): Promise<{ runId: string; sampleId: string }> {
  const id = () => crypto.randomUUID();
  const sample = {
    index: 0,
    officialOrder: 0,
    imageAId: id(),
    imageBId: id(),
    preferredImageIds: [id()],
    nonPreferredImageIds: [id()],
    imageAPath: "a.png",
    imageBPath: "b.png",
    preferredPaths: ["p.png"],
    nonPreferredPaths: ["n.png"],
    label: "Image A",
    userId: null,
    preferAttributes: null,
    nonPreferAttributes: null,
  };
  const [subset] = await createBenchmarkSubsets(database, ownerId, [
    { name: "TEST_SP_ID", source: `matrix-${nextNumber()}`, samples: [sample] },
  ]);
  const run = await createEvaluationRun(database, {
    ownerId,
    subsetId: subset!.id,
    provider: "baseline",
    endpoint: "baseline",
    model: "baseline-image-statistics",
    mode: "reasoning",
    templateId: "preferthinker-v1",
    history: 5,
    concurrency: 1,
    source: "app",
  });
  const [stored] = await database.prisma.benchmarkSample.findMany({ where: { subsetId: subset!.id } });
  return { runId: run.id, sampleId: stored!.id };
}

/** A completed run of the researcher's with one result, made straight in the database. */
export async function researcherRunWithResult(database: Database, ownerId: string): Promise<string> {
  const sample = {
    index: 0,
    officialOrder: 0,
    imageAId: randomUUID(),
    imageBId: randomUUID(),
    preferredImageIds: [randomUUID()],
    nonPreferredImageIds: [randomUUID()],
    imageAPath: "a.png",
    imageBPath: "b.png",
    preferredPaths: ["p.png"],
    nonPreferredPaths: ["n.png"],
    label: "Image A",
    userId: null,
    preferAttributes: null,
    nonPreferAttributes: null,
  };
  const [subset] = await createBenchmarkSubsets(database, ownerId, [
    { name: "TEST_SP_ID", source: `matrix-${nextNumber()}`, samples: [sample] },
  ]);
  const [stored] = await database.prisma.benchmarkSample.findMany({ where: { subsetId: subset!.id } });
  const run = await createCompletedRun(
    database,
    {
      ownerId,
      subsetId: subset!.id,
      provider: "baseline",
      endpoint: "baseline",
      model: "baseline-image-statistics",
      mode: "reasoning",
      templateId: "preferthinker-v1",
      history: 5,
      concurrency: 1,
      source: "app",
    },
    [
      {
        sampleId: stored!.id,
        output: "<answer>Image A</answer>",
        parsed: {},
        strictCorrect: true,
        lenientCorrect: true,
        formatValid: false,
        issueCodes: [],
        officialCorrect: null,
        milliseconds: 1,
      },
    ],
  );
  return run.id;
}

/** A queue of the researcher's, open to every annotator, with one item showing one of the researcher's pictures. */
export async function researcherQueue(
  context: { database: Database; people: { researcher: { id: string } } },
  requiredAnnotations: number,
): Promise<{ queueId: string; itemId: string; imageId: string }> {
  const imageId = await ownerImageId(context.database, context.people.researcher.id);
  const queue = await createAnnotationQueue(
    context.database,
    { ownerId: context.people.researcher.id, name: "Matrix", filter: {}, requiredAnnotations, annotatorIds: [] },
    [
      {
        evaluationResultId: null,
        assessmentId: null,
        model: "m",
        output: "<answer>Image A</answer>",
        label: "Image A",
        preferredImageIds: [imageId],
        nonPreferredImageIds: [],
        candidateImageIds: [],
        precheckCodes: [],
      },
    ],
  );
  const item = await context.database.prisma.annotationItem.findFirstOrThrow({ where: { queueId: queue.id } });
  return { queueId: queue.id, itemId: item.id, imageId };
}

/** An annotation that accepts everything as written. */
export function goldAnnotation() {
  const profile = Array.from({ length: 5 }, () => ({ judgment: "right", correction: null }));
  const scores = Array.from({ length: 5 }, () => ({ corrected: null, flags: [], rationale: null }));
  return {
    profile: { preference: profile, nonPreference: profile },
    scores: { A: scores, B: scores },
    verdict: "gold",
    comment: null,
  };
}

/** A request body of six of the owner's images. */
export async function assessmentBody(database: Database, ownerId: string) {
  let ids = (await findLibraryImages(database, ownerId, { limit: 6 })).map((image) => image.id);
  while (ids.length < 6) {
    await ownerImageId(database, ownerId);
    ids = (await findLibraryImages(database, ownerId, { limit: 6 })).map((image) => image.id);
  }
  return {
    preferredImageIds: ids.slice(0, 2),
    nonPreferredImageIds: ids.slice(2, 4),
    candidateImageIds: ids.slice(4, 6),
  };
}

/** An ended assessment of the owner's, run through the route itself. */
export async function ownerAssessmentId(database: Database, ownerId: string): Promise<string> {
  const session = await createSession(database, ownerId);
  const route = await import("@/app/api/assessments/route");
  const response = await callRoute(route, "POST", "/api/assessments", {
    sessionToken: session.token,
    body: await assessmentBody(database, ownerId),
  });
  const text = await response.text();
  return /"assessmentId":"([^"]+)"/.exec(text)![1]!;
}

const tastePools = new Map<string, Promise<string[]>>();

/** Forty distinct pictures in the owner's library, uploaded through the route once per person: the smallest pool a taste quiz takes. */
export function ownerTastePool(database: Database, ownerId: string): Promise<string[]> {
  const known = tastePools.get(ownerId);
  if (known) return known;
  const uploading = (async () => {
    const session = await createSession(database, ownerId);
    const form = new FormData();
    for (let seed = 0; seed < 40; seed++)
      form.append("files", new Blob([new Uint8Array(await makeJpeg(24, 24, { seed: seed * 6 }))]), `taste-${seed}.jpg`);
    const imagesRoute = await import("@/app/api/images/route");
    const response = await callRoute(imagesRoute, "POST", "/api/images", { body: form, sessionToken: session.token });
    return ((await response.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id);
  })();
  tastePools.set(ownerId, uploading);
  return uploading;
}

/** A new taste quiz of the owner's over their forty pictures, made straight in the database, with the pair it proposes first. */
export async function ownerTasteSession(
  database: Database,
  ownerId: string,
): Promise<{ id: string; next: { position: number; leftImageId: string; rightImageId: string } }> {
  const { id } = await createTasteSession(database, ownerId, {
    poolKind: "library",
    subsetId: null,
    imageIds: await ownerTastePool(database, ownerId),
    seed: nextNumber(),
  });
  const session = await createSession(database, ownerId);
  const route = await import("@/app/api/taste/sessions/[id]/route");
  const response = await callRoute(route, "GET", `/api/taste/sessions/${id}`, {
    params: { id },
    sessionToken: session.token,
  });
  const { next } = (await response.json()) as { next: { position: number; leftImageId: string; rightImageId: string } };
  // The pair as an answer names it: its probability is the server's to know.
  return { id, next: { position: next.position, leftImageId: next.leftImageId, rightImageId: next.rightImageId } };
}

/** A taste quiz of the owner's with one answer given, through the route itself. */
export async function ownerAnsweredTasteSession(database: Database, ownerId: string): Promise<string> {
  const { id, next } = await ownerTasteSession(database, ownerId);
  const session = await createSession(database, ownerId);
  const route = await import("@/app/api/taste/sessions/[id]/answers/route");
  await callRoute(route, "POST", `/api/taste/sessions/${id}/answers`, {
    params: { id },
    sessionToken: session.token,
    body: { ...next, choice: 1, key: `matrix-${nextNumber()}` },
  });
  return id;
}

/**
 * A taste quiz of the owner's with one answer given and its check begun
 * (`checkAnswers` of its pairs answered too), through the routes
 * themselves, with the check pair now waiting.
 */
export async function ownerCheckingTasteSession(
  database: Database,
  ownerId: string,
  checkAnswers = 0,
): Promise<{ id: string; next: { position: number; leftImageId: string; rightImageId: string } }> {
  const id = await ownerAnsweredTasteSession(database, ownerId);
  const session = await createSession(database, ownerId);
  type Check = { check: { next: { position: number; leftImageId: string; rightImageId: string } } };
  const started = await callRoute(
    await import("@/app/api/taste/sessions/[id]/check/route"),
    "POST",
    `/api/taste/sessions/${id}/check`,
    {
      params: { id },
      sessionToken: session.token,
    },
  );
  let { next } = ((await started.json()) as Check).check;
  const answers = await import("@/app/api/taste/sessions/[id]/check/answers/route");
  for (let answered = 0; answered < checkAnswers; answered++) {
    const response = await callRoute(answers, "POST", `/api/taste/sessions/${id}/check/answers`, {
      params: { id },
      sessionToken: session.token,
      body: {
        position: next.position,
        leftImageId: next.leftImageId,
        rightImageId: next.rightImageId,
        choice: 1,
        key: `matrix-${nextNumber()}`,
      },
    });
    ({ next } = ((await response.json()) as Check).check);
  }
  return { id, next: { position: next.position, leftImageId: next.leftImageId, rightImageId: next.rightImageId } };
}
