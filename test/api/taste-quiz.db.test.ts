import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import type { Database } from "@/lib/db/open-database";
import { drawOfflinePair, offlineRule } from "@/lib/taste/offline-pairs";
import {
  TASTE_POOL_MAX,
  type TasteProgress,
  tasteProgressSchema,
  type TasteResult,
  tasteResultSchema,
  type TasteSession,
  type TasteSessionState,
  tasteSessionStateSchema,
} from "@/lib/taste/taste-contract";
import { importBenchmarkFolder } from "@/test/fixtures/benchmark-imports";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { createPersonWithRoles, signUpPerson, type TestPerson } from "@/test/fixtures/people";
import {
  click,
  errorOf,
  measureSaturation,
  type NextPair,
  preferColourful,
  routes,
  tasteApi,
} from "@/test/fixtures/taste-quiz";
import { makePng } from "@/test/image-samples";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/**
 * "Find my taste" through its API on both database kinds: a person takes a
 * quiz over demo pictures, undoes, retries and reloads, and gets references
 * drawn from what they judged; small pools and other people are refused, and
 * a researcher's benchmark subset serves as a pool. The check that follows a
 * quiz is in taste-check.db.test.ts.
 */

const dataDir = mkdtempSync(join(tmpdir(), "studio-taste-quiz-"));
const demoFolder = join(dataDir, "demo");

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: demoFolder });
beforeAll(async () => {
  // Six simulated people, twelve pictures each: 72 demo pictures, of which a quiz takes 60.
  await writeDemoBenchmark(demoFolder, { sizes: { TEST_SP_ID: 6 } });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(["embedded", "postgres"] as const)("the taste quiz on the %s database", (kind) => {
  let database: Database;
  let owner: TestPerson;
  let other: TestPerson;

  const { start, read, current, answer, undo, result, finish } = tasteApi(() => owner);

  let session: TasteSession;
  let lastNext: NextPair;
  const answered = new Set<string>();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    owner = await signUpPerson(`owner-${kind}@example.com`);
    other = await signUpPerson(`other-${kind}@example.com`);
  });
  afterAll(async () => {
    await database.close();
  });

  it("starts a quiz over ~60 demo pictures brought into the person's library", async () => {
    const response = await start({ kind: "demo" });
    expect(response.status).toBe(201);
    // The answers parse with the schemas the pages read them with.
    const state = tasteSessionStateSchema.parse(await response.json());
    session = state.session;
    expect(session).toMatchObject({
      pool: { kind: "demo", subsetId: null },
      status: "active",
      finishedAt: null,
      referenceSetId: null,
    });
    expect(new Set(session.imageIds).size).toBe(60);
    expect(
      await database.prisma.image.count({
        where: { ownerId: owner.id, librarySource: "demo", id: { in: session.imageIds } },
      }),
    ).toBe(60);
    expect(state.status).toEqual({ clicks: 0, isFinished: false, reason: null, remainingEstimate: 15 });
    expect(state.next).toMatchObject({ position: 0 });
    expect(session.imageIds).toContain(state.next!.leftImageId);
    expect(state.next!.probability).toBeGreaterThan(0);
    lastNext = state.next!;
  });

  it("takes twelve answers of a person who likes colour, and an undo gives back the state before the last", async () => {
    const prefer = preferColourful(database);

    let beforeLast: TasteProgress | null = null;
    for (let position = 0; position < 12; position++) {
      if (position === 11) beforeLast = (await (await read(session.id)).json()) as TasteSessionState;
      const response = await answer(session.id, click(lastNext, await prefer(lastNext)));
      expect(response.status).toBe(201);
      const progress = (await response.json()) as TasteProgress;
      expect(progress.status.clicks).toBe(position + 1);
      answered.add(lastNext.leftImageId).add(lastNext.rightImageId);
      expect(progress.next).not.toBeNull();
      expect(progress.next!.position).toBe(position + 1);
      lastNext = progress.next!;
    }
    const rows = await database.prisma.tasteAnswer.findMany({
      where: { sessionId: session.id },
      orderBy: { position: "asc" },
    });
    expect(rows.map((row) => row.position)).toEqual([...Array(12).keys()]);
    expect(
      rows.every(
        (row) =>
          row.ownerId === owner.id && row.rule === "reference-gain" && row.probability > 0 && row.probability <= 1,
      ),
    ).toBe(true);

    const undone = await undo(session.id);
    expect(undone.status).toBe(200);
    const afterUndo = tasteProgressSchema.parse(await undone.json());
    expect(afterUndo).toEqual({ next: beforeLast!.next, status: beforeLast!.status, shown: beforeLast!.shown });
    expect(afterUndo.shown).toHaveLength(11);
    expect(await database.prisma.tasteAnswer.count({ where: { sessionId: session.id, undoneAt: { not: null } } })).toBe(
      1,
    );

    // Answered again, the quiz goes on from where it was.
    lastNext = afterUndo.next!;
    const again = await answer(session.id, click(lastNext, await prefer(lastNext)));
    expect(again.status).toBe(201);
    lastNext = ((await again.json()) as TasteProgress).next!;
  });

  it("stores a retried click once, and refuses a pair that is no longer the next one", async () => {
    const body = click(lastNext, 1);
    const first = await answer(session.id, body);
    expect(first.status).toBe(201);
    const progress = (await first.json()) as TasteProgress;
    answered.add(lastNext.leftImageId).add(lastNext.rightImageId);
    const retry = await answer(session.id, body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(progress);
    expect(
      await database.prisma.tasteAnswer.count({ where: { sessionId: session.id, idempotencyKey: body.key } }),
    ).toBe(1);
    expect(await database.prisma.tasteAnswer.count({ where: { sessionId: session.id, undoneAt: null } })).toBe(13);

    // The same click sent several times at once is still one answer.
    const burst = click(progress.next!, 2);
    const responses = await Promise.all(Array.from({ length: 4 }, () => answer(session.id, burst)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 201]);
    expect(
      await database.prisma.tasteAnswer.count({ where: { sessionId: session.id, idempotencyKey: burst.key } }),
    ).toBe(1);
    // Taken back: the rest of the test goes on from the thirteenth answer.
    expect((await undo(session.id)).status).toBe(200);

    const stale = await answer(session.id, click({ ...progress.next!, position: 3 }, 1));
    expect(stale.status).toBe(409);
    expect(await errorOf(stale)).toBe("This pair is no longer the next one; reload.");
    const swapped = await answer(
      session.id,
      click(
        { ...progress.next!, leftImageId: progress.next!.rightImageId, rightImageId: progress.next!.leftImageId },
        1,
      ),
    );
    expect(swapped.status).toBe(409);
    lastNext = progress.next!;
  });

  it("resumes where the person was after a reload", async () => {
    const response = await current();
    expect(response.status).toBe(200);
    const state = (await response.json()) as TasteSessionState;
    expect(state.session.id).toBe(session.id);
    expect(state.next).toEqual(lastNext);
    expect(state.status.clicks).toBe(13);
    expect(await (await read(session.id)).json()).toEqual(state);
  });

  it("chooses five liked and five disliked pictures among those judged, the liked ones more colourful", async () => {
    const response = await result(session.id);
    expect(response.status).toBe(200);
    const references = tasteResultSchema.parse(await response.json());
    expect(references.isComplete).toBe(true);
    const liked = references.liked.map((reference) => reference.imageId);
    const disliked = references.disliked.map((reference) => reference.imageId);
    expect(liked).toHaveLength(5);
    expect(disliked).toHaveLength(5);
    expect(new Set([...liked, ...disliked]).size).toBe(10);
    for (const id of [...liked, ...disliked]) expect(answered.has(id)).toBe(true);
    expect(
      references.liked.every((reference) => reference.reason.length > 0 && reference.wins + reference.losses > 0),
    ).toBe(true);
    const mean = async (ids: string[]) =>
      (await Promise.all(ids.map((id) => measureSaturation(database, id)))).reduce((sum, value) => sum + value, 0) /
      ids.length;
    expect(await mean(liked)).toBeGreaterThan(await mean(disliked));
  });

  it("refuses a library of fewer than 40 pictures, saying what to do", async () => {
    const form = new FormData();
    for (const size of [20, 21, 22])
      form.append("files", new Blob([new Uint8Array(await makePng(size, 20))]), `small-${size}.png`);
    await callRoute(await routes.images(), "POST", "/api/images", { sessionToken: other.sessionToken, body: form });
    const response = await start({ kind: "library" }, other);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "bad_request",
        message: "Your library has 3 pictures; the quiz needs at least 40. Upload more or use the demo pictures.",
      },
    });
    expect((await start({ kind: "subset", subsetId: "00000000-0000-4000-8000-000000000000" }, other)).status).toBe(404);
    expect((await start({ kind: "everything" }, other)).status).toBe(400);
  });

  it("hides a person's quiz from everyone else", async () => {
    const id = session.id;
    for (const response of [
      await read(id, other),
      await answer(id, click(lastNext, 1), other),
      await undo(id, other),
      await result(id, other),
      await finish(id, {}, other),
    ]) {
      expect(response.status).toBe(404);
    }
    expect((await current(other)).status).toBe(404);
    expect((await read("not-a-uuid")).status).toBe(404);
    expect(await database.prisma.tasteAnswer.count({ where: { sessionId: id, undoneAt: null } })).toBe(13);
  });

  it("starts a newer quiz over the library, which becomes the current one until it is finished with its reference set", async () => {
    const started = await start({ kind: "library" });
    expect(started.status).toBe(201);
    const library = (await started.json()) as TasteSessionState;
    expect(library.session.pool.kind).toBe("library");
    expect(library.session.imageIds).toHaveLength(60);
    expect(((await (await current()).json()) as TasteSessionState).session.id).toBe(library.session.id);
    const nothing = await undo(library.session.id);
    expect(nothing.status).toBe(409);
    expect(await errorOf(nothing)).toBe("There is no answer to undo.");

    const references = (await (await result(session.id)).json()) as TasteResult;
    const saved = await callRoute(await routes.sets(), "POST", "/api/reference-sets", {
      sessionToken: owner.sessionToken,
      body: {
        name: `My taste ${kind}`,
        preferredImageIds: references.liked.map((reference) => reference.imageId),
        nonPreferredImageIds: references.disliked.map((reference) => reference.imageId),
      },
    });
    expect(saved.status).toBe(201);
    const { referenceSet } = (await saved.json()) as { referenceSet: { id: string } };
    const finished = await finish(library.session.id, { referenceSetId: referenceSet.id });
    expect(finished.status).toBe(200);
    expect(((await finished.json()) as { session: TasteSession }).session).toMatchObject({
      status: "finished",
      referenceSetId: referenceSet.id,
    });
    expect((await answer(library.session.id, click(library.next!, 1))).status).toBe(409);
    // The demo quiz, still active, is current again.
    expect(((await (await current()).json()) as TasteSessionState).session.id).toBe(session.id);
  });

  it("takes answers to pairs the browser drew offline, stored with a uniform draw's probability, and refuses pairs shown already or outside the pool", async () => {
    const person = await signUpPerson(`offline-${kind}@example.com`);
    const started = await start({ kind: "demo" }, person);
    expect(started.status).toBe(201);
    const state = (await started.json()) as TasteSessionState;
    const poolPairs = (state.session.imageIds.length * (state.session.imageIds.length - 1)) / 2;
    const online = await answer(state.session.id, click(state.next!, 1), person);
    expect(online.status).toBe(201);
    let progress = (await online.json()) as TasteProgress;

    // Two answers given offline, in order: each pair drawn in the browser among those not shown.
    const offlineBodies = [];
    for (const position of [1, 2]) {
      const drawn = drawOfflinePair(state.session.imageIds, progress.shown)!;
      const body = { ...click({ position, ...drawn }, 2), drawnOffline: true };
      offlineBodies.push(body);
      const response = await answer(state.session.id, body, person);
      expect(response.status).toBe(201);
      progress = (await response.json()) as TasteProgress;
    }
    expect(progress.status.clicks).toBe(3);
    expect(progress.shown.slice(1)).toEqual(offlineBodies.map((body) => [body.leftImageId, body.rightImageId]));
    const rows = await database.prisma.tasteAnswer.findMany({
      where: { sessionId: state.session.id },
      orderBy: { position: "asc" },
    });
    expect(rows.map((row) => row.rule)).toEqual([expect.not.stringMatching("offline"), offlineRule, offlineRule]);
    // The server's own count of the pairs left, never the client's word.
    expect(rows[1]!.probability).toBeCloseTo(1 / (poolPairs - 1), 12);
    expect(rows[2]!.probability).toBeCloseTo(1 / (poolPairs - 2), 12);

    // Sent again once the connection is back: stored once.
    const retry = await answer(state.session.id, offlineBodies[1], person);
    expect(retry.status).toBe(200);
    expect(await database.prisma.tasteAnswer.count({ where: { sessionId: state.session.id } })).toBe(3);

    const shownAgain = { ...click({ ...progress.next!, position: 3 }, 1), drawnOffline: true };
    shownAgain.leftImageId = offlineBodies[0]!.rightImageId;
    shownAgain.rightImageId = offlineBodies[0]!.leftImageId;
    expect((await answer(state.session.id, shownAgain, person)).status).toBe(409);
    const stranger = { ...shownAgain, leftImageId: crypto.randomUUID() };
    const outside = await answer(state.session.id, stranger, person);
    expect(outside.status).toBe(400);
    expect(await errorOf(outside)).toBe("leftImageId and rightImageId must be two different pictures of this quiz.");
    const checkOffline = await callRoute(
      await routes.checkAnswers(),
      "POST",
      `/api/taste/sessions/${state.session.id}/check/answers`,
      { sessionToken: person.sessionToken, params: { id: state.session.id }, body: shownAgain },
    );
    expect(checkOffline.status).toBe(400);
    expect(await database.prisma.tasteAnswer.count({ where: { sessionId: state.session.id } })).toBe(3);
  });

  it("starts a quiz over a researcher's own benchmark subset, which no one else may start from", async () => {
    const researcher = await createPersonWithRoles(database, `researcher-${kind}@example.com`, ["researcher"]);
    const subsetId = (await importBenchmarkFolder(researcher.sessionToken, demoFolder)).TEST_SP_ID!;
    const samples = await database.prisma.benchmarkSample.findMany({ where: { subsetId } });
    const pictures = new Set(
      samples.flatMap((sample) => [
        sample.imageAId,
        sample.imageBId,
        ...sample.preferredImageIds,
        ...sample.nonPreferredImageIds,
      ]),
    );
    // The subset's 72 pictures are fewer than TASTE_POOL_MAX: the pool takes every one.
    expect(pictures.size).toBe(72);
    const response = await start({ kind: "subset", subsetId }, researcher);
    expect(response.status).toBe(201);
    const { session: quiz } = tasteSessionStateSchema.parse(await response.json());
    expect(quiz.pool).toEqual({ kind: "subset", subsetId });
    expect(quiz.imageIds).toHaveLength(Math.min(pictures.size, TASTE_POOL_MAX));
    expect(new Set(quiz.imageIds).size).toBe(quiz.imageIds.length);
    expect(quiz.imageIds.filter((id) => !pictures.has(id))).toEqual([]);
    // Another person's subset is not found, for the admin (the database's first account) too.
    for (const person of [owner, other]) expect((await start({ kind: "subset", subsetId }, person)).status).toBe(404);
  });
});
