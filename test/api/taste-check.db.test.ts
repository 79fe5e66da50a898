import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";
import type { Database } from "@/lib/db/open-database";
import {
  type TasteCheck,
  tasteCheckStateSchema,
  tasteFinishResponseSchema,
  type TasteResult,
  tasteResultSchema,
  type TasteSession,
  tasteSessionStateSchema,
} from "@/lib/taste/taste-contract";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson, type TestPerson } from "@/test/fixtures/people";
import { click, errorOf, type NextPair, takeColourfulQuiz, tasteApi } from "@/test/fixtures/taste-quiz";
import { openTestDatabase } from "@/test/test-databases";

/**
 * "Check my taste" through its API on both database kinds, after a demo quiz
 * of thirteen answers: predictions stored before the answers, the figure,
 * undo and retries; and a set saved with a reference replaced by hand. The
 * quiz itself is in taste-quiz.db.test.ts.
 */

const dataDir = mkdtempSync(join(tmpdir(), "studio-taste-check-"));

setEnvironmentForSuite({ DATA_DIR: dataDir, DEMO_DIR: join(dataDir, "demo") });
beforeAll(async () => {
  // Six simulated people, twelve pictures each: 72 demo pictures, of which a quiz takes 60.
  await writeDemoBenchmark(join(dataDir, "demo"), { sizes: { TEST_SP_ID: 6 } });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(["embedded", "postgres"] as const)("check my taste on the %s database", (kind) => {
  let database: Database;
  let owner: TestPerson;
  let other: TestPerson;
  const api = tasteApi(() => owner);
  const { start, answer, undo, result, finish, readCheck, startCheck, answerCheck, undoCheck } = api;

  /** The owner's quiz, thirteen pairs answered by one who likes colour, and the pair it offers next. */
  let session: TasteSession;
  let lastNext: NextPair;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    owner = await signUpPerson(`owner-${kind}@example.com`);
    other = await signUpPerson(`other-${kind}@example.com`);
    const state = await takeColourfulQuiz(api, database, 13);
    session = state.session;
    lastNext = state.next!;
  });
  afterAll(async () => {
    await database.close();
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
    expect((await database.prisma.tasteSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("active");

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
