import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import type { Database } from "@/lib/db/open-database";
import { getImageLibrary } from "@/lib/images/image-library";
import { drawOfflinePair, offlineRule } from "@/lib/taste/offline-pairs";
import {
  type TasteCheck,
  tasteCheckStateSchema,
  tasteFinishResponseSchema,
  type TasteProgress,
  tasteProgressSchema,
  type TasteResult,
  tasteResultSchema,
  type TasteSession,
  type TasteSessionState,
  tasteSessionStateSchema,
} from "@/lib/taste/taste-contract";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson, type TestPerson } from "@/test/fixtures/people";
import { makePng } from "@/test/image-samples";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/**
 * "Find my taste" through its API on both database kinds: a person takes a
 * quiz over demo pictures, undoes, retries and reloads, and gets references
 * drawn from what they judged; small pools and other people are refused.
 * Then the check: predictions stored before the answers, the figure, undo
 * and retries; and a set saved with a reference replaced by hand.
 */

const dataDir = mkdtempSync(join(tmpdir(), "studio-taste-quiz-"));
const routes = {
  images: () => import("@/app/api/images/route"),
  sets: () => import("@/app/api/reference-sets/route"),
  sessions: () => import("@/app/api/taste/sessions/route"),
  current: () => import("@/app/api/taste/sessions/current/route"),
  session: () => import("@/app/api/taste/sessions/[id]/route"),
  answers: () => import("@/app/api/taste/sessions/[id]/answers/route"),
  undo: () => import("@/app/api/taste/sessions/[id]/undo/route"),
  result: () => import("@/app/api/taste/sessions/[id]/result/route"),
  finish: () => import("@/app/api/taste/sessions/[id]/finish/route"),
  check: () => import("@/app/api/taste/sessions/[id]/check/route"),
  checkAnswers: () => import("@/app/api/taste/sessions/[id]/check/answers/route"),
  checkUndo: () => import("@/app/api/taste/sessions/[id]/check/undo/route"),
};

type NextPair = NonNullable<TasteProgress["next"]>;

let keyCounter = 0;
const newKey = () => `click-${keyCounter++}`;
const errorOf = async (response: Response) => ((await response.json()) as { error: { message: string } }).error.message;

/** How colourful a stored picture is: the mean of max(r,g,b) - min(r,g,b), 0..1. */
async function measureSaturation(database: Database, imageId: string): Promise<number> {
  const image = await database.prisma.image.findUniqueOrThrow({ where: { id: imageId } });
  const bytes = await getImageLibrary().store.readBytes(image.sha256, "normalized");
  const pixels = await sharp(bytes!).resize(32, 32, { fit: "fill" }).removeAlpha().raw().toBuffer();
  let sum = 0;
  for (let offset = 0; offset < pixels.length; offset += 3)
    sum +=
      Math.max(pixels[offset]!, pixels[offset + 1]!, pixels[offset + 2]!) -
      Math.min(pixels[offset]!, pixels[offset + 1]!, pixels[offset + 2]!);
  return sum / (pixels.length / 3) / 255;
}

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: join(dataDir, "demo") });
beforeAll(async () => {
  // Six simulated people, twelve pictures each: 72 demo pictures, of which a quiz takes 60.
  await writeDemoBenchmark(join(dataDir, "demo"), { sizes: { TEST_SP_ID: 6 } });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(["embedded", "postgres"] as const)("the taste quiz on the %s database", (kind) => {
  let database: Database;
  let owner: TestPerson;
  let other: TestPerson;

  const start = async (pool: unknown, as = owner) =>
    callRoute(await routes.sessions(), "POST", "/api/taste/sessions", {
      sessionToken: as.sessionToken,
      body: { pool },
    });
  const read = async (id: string, as = owner) =>
    callRoute(await routes.session(), "GET", `/api/taste/sessions/${id}`, {
      sessionToken: as.sessionToken,
      params: { id },
    });
  const current = async (as = owner) =>
    callRoute(await routes.current(), "GET", "/api/taste/sessions/current", { sessionToken: as.sessionToken });
  const answer = async (id: string, body: unknown, as = owner) =>
    callRoute(await routes.answers(), "POST", `/api/taste/sessions/${id}/answers`, {
      sessionToken: as.sessionToken,
      params: { id },
      body,
    });
  const undo = async (id: string, as = owner) =>
    callRoute(await routes.undo(), "POST", `/api/taste/sessions/${id}/undo`, {
      sessionToken: as.sessionToken,
      params: { id },
    });
  const result = async (id: string, as = owner) =>
    callRoute(await routes.result(), "GET", `/api/taste/sessions/${id}/result`, {
      sessionToken: as.sessionToken,
      params: { id },
    });
  const finish = async (id: string, body: unknown, as = owner) =>
    callRoute(await routes.finish(), "POST", `/api/taste/sessions/${id}/finish`, {
      sessionToken: as.sessionToken,
      params: { id },
      body,
    });
  const click = (next: NextPair, choice: 0 | 1 | 2, key = newKey()) => ({
    position: next.position,
    leftImageId: next.leftImageId,
    rightImageId: next.rightImageId,
    choice,
    key,
  });

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
    const saturation = new Map<string, number>();
    const saturationOf = async (id: string) =>
      saturation.get(id) ?? saturation.set(id, await measureSaturation(database, id)).get(id)!;
    const prefer = async (next: NextPair): Promise<1 | 2> =>
      (await saturationOf(next.leftImageId)) >= (await saturationOf(next.rightImageId)) ? 1 : 2;

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

  describe("check my taste", () => {
    const readCheck = async (id: string, as = owner) =>
      callRoute(await routes.check(), "GET", `/api/taste/sessions/${id}/check`, {
        sessionToken: as.sessionToken,
        params: { id },
      });
    const startCheck = async (id: string, as = owner) =>
      callRoute(await routes.check(), "POST", `/api/taste/sessions/${id}/check`, {
        sessionToken: as.sessionToken,
        params: { id },
      });
    const answerCheck = async (id: string, body: unknown, as = owner) =>
      callRoute(await routes.checkAnswers(), "POST", `/api/taste/sessions/${id}/check/answers`, {
        sessionToken: as.sessionToken,
        params: { id },
        body,
      });
    const undoCheck = async (id: string, as = owner) =>
      callRoute(await routes.checkUndo(), "POST", `/api/taste/sessions/${id}/check/undo`, {
        sessionToken: as.sessionToken,
        params: { id },
      });
    const checkOf = async (response: Response) => tasteCheckStateSchema.parse(await response.json()).check;
    /** The stored row of the check pair waiting at `position`. */
    const waitingRow = (position: number) =>
      database.prisma.tasteAnswer.findFirstOrThrow({
        where: { sessionId: session.id, phase: "check", position, choice: null, undoneAt: null },
      });
    const opposite = (side: number) => (side === 1 ? 2 : 1);

    let check: TasteCheck;
    let resultBefore: TasteResult;
    /** What the person answers at each position, given the prediction: right, right, neither, wrong, … */
    const plan = (predicted: number | null, position: number): 0 | 1 | 2 => {
      const right = predicted === 2 ? 2 : 1;
      return [right, right, 0, opposite(right), right, right, opposite(right), right][position] as 0 | 1 | 2;
    };

    it("has not begun before it is asked for, and begins with a pair whose prediction is stored but not shown", async () => {
      resultBefore = tasteResultSchema.parse(await (await result(session.id)).json());
      const before = await readCheck(session.id);
      expect(before.status).toBe(200);
      expect(await checkOf(before)).toEqual({
        total: 8,
        isStarted: false,
        isComplete: false,
        next: null,
        answers: [],
        score: { correct: 0, counted: 0, neither: 0 },
      });

      const started = await startCheck(session.id);
      expect(started.status).toBe(201);
      check = await checkOf(started);
      expect(check).toMatchObject({ isStarted: true, isComplete: false, answers: [] });
      expect(check.next).toMatchObject({ position: 0 });
      // The page is never told the prediction before the answer.
      expect(Object.keys(check.next!).sort()).toEqual(["leftImageId", "position", "probability", "rightImageId"]);
      const row = await waitingRow(0);
      expect(row).toMatchObject({ choice: null, answeredAt: null, idempotencyKey: null, rule: "random" });
      expect([1, 2]).toContain(row.predictedChoice);
      expect(row.predictedProbability).toBeGreaterThanOrEqual(0.5);
      expect(row.proposedAt).not.toBeNull();
      expect(row.probability).toBeCloseTo(1 / ((60 * 59) / 2 - 13), 12);
      // Never a pair the quiz showed.
      const quizRows = await database.prisma.tasteAnswer.findMany({
        where: { sessionId: session.id, phase: "quiz", undoneAt: null },
      });
      const key = (a: string, b: string) => [a, b].sort().join();
      expect(quizRows.map((quizRow) => key(quizRow.leftImageId, quizRow.rightImageId))).not.toContain(
        key(row.leftImageId, row.rightImageId),
      );

      // Asked again, it is the same check; nothing answered yet, nothing to undo.
      const again = await startCheck(session.id);
      expect(again.status).toBe(200);
      expect(await checkOf(again)).toEqual(check);
      const nothing = await undoCheck(session.id);
      expect(nothing.status).toBe(409);
      expect(await errorOf(nothing)).toBe("There is no check answer to undo.");
    });

    it("fixes the quiz's answers once the check has begun", async () => {
      for (const response of [await answer(session.id, click(lastNext, 1)), await undo(session.id)]) {
        expect(response.status).toBe(409);
        expect(await errorOf(response)).toMatch(/^The check of this quiz has begun/);
      }
      expect(
        await database.prisma.tasteAnswer.count({ where: { sessionId: session.id, phase: "quiz", undoneAt: null } }),
      ).toBe(13);
    });

    it("keeps each prediction as it was stored before the answer, and reveals it with the answer", async () => {
      for (let position = 0; position < 3; position++) {
        const before = await waitingRow(position);
        const response = await answerCheck(session.id, click(check.next!, plan(before.predictedChoice, position)));
        expect(response.status).toBe(201);
        check = await checkOf(response);
        const after = await database.prisma.tasteAnswer.findUniqueOrThrow({ where: { id: before.id } });
        expect(after).toMatchObject({
          predictedChoice: before.predictedChoice,
          predictedProbability: before.predictedProbability,
          proposedAt: before.proposedAt,
          choice: plan(before.predictedChoice, position),
        });
        expect(after.answeredAt!.getTime()).toBeGreaterThanOrEqual(before.proposedAt!.getTime());
        expect(check.answers.at(-1)).toMatchObject({
          position,
          predicted: before.predictedChoice,
          predictedProbability: before.predictedProbability,
        });
        expect(check.next!.position).toBe(position + 1);
      }
      // Right, right, then "neither", which counts for neither side.
      expect(check.score).toEqual({ correct: 2, counted: 2, neither: 1 });
      expect(check.answers.map((entry) => entry.isCorrect)).toEqual([true, true, null]);
    });

    it("undoes the last check answer: the same pair waits again with the same prediction", async () => {
      const last = await database.prisma.tasteAnswer.findFirstOrThrow({
        where: { sessionId: session.id, phase: "check", position: 2, undoneAt: null },
      });
      const undone = await undoCheck(session.id);
      expect(undone.status).toBe(200);
      check = await checkOf(undone);
      expect(check.answers).toHaveLength(2);
      expect(check.score).toEqual({ correct: 2, counted: 2, neither: 0 });
      expect(check.next).toMatchObject({
        position: 2,
        leftImageId: last.leftImageId,
        rightImageId: last.rightImageId,
      });
      const again = await waitingRow(2);
      expect(again.id).not.toBe(last.id);
      expect([again.predictedChoice, again.predictedProbability]).toEqual([
        last.predictedChoice,
        last.predictedProbability,
      ]);
      // The answer and the pair proposed after it stay stored, marked undone.
      expect(
        await database.prisma.tasteAnswer.count({
          where: { sessionId: session.id, phase: "check", undoneAt: { not: null } },
        }),
      ).toBe(2);
      // A reload finds the same check.
      expect(await checkOf(await readCheck(session.id))).toEqual(check);
    });

    it("stores a retried check answer once, and refuses a pair that is not the waiting one", async () => {
      const stale = await answerCheck(session.id, click({ ...check.next!, position: 5 }, 1));
      expect(stale.status).toBe(409);
      expect(await errorOf(stale)).toBe("This pair is no longer the next one; reload.");

      const predicted = (await waitingRow(2)).predictedChoice!;
      const body = click(check.next!, plan(predicted, 2));
      const responses = await Promise.all(Array.from({ length: 3 }, () => answerCheck(session.id, body)));
      expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 201]);
      const retry = await answerCheck(session.id, body);
      expect(retry.status).toBe(200);
      check = await checkOf(retry);
      expect(check.answers).toHaveLength(3);
      expect(
        await database.prisma.tasteAnswer.count({ where: { sessionId: session.id, idempotencyKey: body.key } }),
      ).toBe(1);
    });

    it("counts the figure over all eight pairs, a 'neither' excluded, and then offers no more", async () => {
      for (let position = 3; position < 8; position++) {
        const predicted = (await waitingRow(position)).predictedChoice!;
        const response = await answerCheck(session.id, click(check.next!, plan(predicted, position)));
        expect(response.status).toBe(201);
        check = await checkOf(response);
      }
      expect(check).toMatchObject({ isStarted: true, isComplete: true, next: null });
      expect(check.answers.map((entry) => entry.position)).toEqual([...Array(8).keys()]);
      // Right, right, neither, wrong, right, right, wrong, right: 5 of the 7 that count.
      expect(check.score).toEqual({ correct: 5, counted: 7, neither: 1 });
      expect(check.answers.map((entry) => entry.isCorrect)).toEqual([true, true, null, false, true, true, false, true]);
      expect(
        await database.prisma.tasteAnswer.count({ where: { sessionId: session.id, choice: null, undoneAt: null } }),
      ).toBe(0);
      // The quiz's references are as they were: the check is never learnt from.
      expect(tasteResultSchema.parse(await (await result(session.id)).json())).toEqual(resultBefore);
    });

    it("hides the check from everyone else", async () => {
      const rows = await database.prisma.tasteAnswer.count({ where: { sessionId: session.id } });
      for (const response of [
        await readCheck(session.id, other),
        await startCheck(session.id, other),
        await answerCheck(session.id, click(lastNext, 1), other),
        await undoCheck(session.id, other),
      ])
        expect(response.status).toBe(404);
      expect(await database.prisma.tasteAnswer.count({ where: { sessionId: session.id } })).toBe(rows);
    });

    it("saves the references with one replaced by hand, refusing a picture the person never judged", async () => {
      const { liked, disliked, judged } = resultBefore;
      const chosen = new Set([...liked, ...disliked].map((reference) => reference.imageId));
      const replacement = judged.find((picture) => !chosen.has(picture.imageId))!;
      expect(replacement).toBeDefined();
      const judgedIds = new Set(judged.map((picture) => picture.imageId));
      const unjudged = session.imageIds.find((id) => !judgedIds.has(id))!;
      const preferredImageIds = [replacement.imageId, ...liked.slice(1).map((reference) => reference.imageId)];
      const nonPreferredImageIds = disliked.map((reference) => reference.imageId);

      const refused = await finish(session.id, {
        referenceSet: {
          name: `Edited ${kind}`,
          preferredImageIds,
          nonPreferredImageIds: [...nonPreferredImageIds.slice(0, 2), unjudged],
        },
      });
      expect(refused.status).toBe(400);
      expect(await errorOf(refused)).toBe(
        "referenceSet.nonPreferredImageIds.2: must be a picture you judged in this quiz",
      );
      expect((await database.prisma.tasteSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe(
        "active",
      );

      const saved = await finish(session.id, {
        referenceSet: { name: `Edited ${kind}`, preferredImageIds, nonPreferredImageIds },
      });
      expect(saved.status).toBe(200);
      const body = tasteFinishResponseSchema.parse(await saved.json());
      expect(body.referenceSet).toMatchObject({ name: `Edited ${kind}`, preferredImageIds, nonPreferredImageIds });
      expect(body.session).toMatchObject({ status: "finished", referenceSetId: body.referenceSet!.id });
      // Finished: the check takes no more.
      expect((await undoCheck(session.id)).status).toBe(409);
    });

    it("needs a directional answer to predict from", async () => {
      const fresh = tasteSessionStateSchema.parse(await (await start({ kind: "demo" })).json());
      expect((await answer(fresh.session.id, click(fresh.next!, 0))).status).toBe(201);
      const refused = await startCheck(fresh.session.id);
      expect(refused.status).toBe(409);
      expect(await errorOf(refused)).toMatch(/^Choose a picture in at least one pair before the check/);
    });
  });
});
