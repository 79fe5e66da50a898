import "server-only";
import type { Database } from "@/lib/db/open-database";
import { beginTasteCheck, findLiveTasteCheckPairs } from "@/lib/db/taste-checks";
import { findLiveTasteAnswers } from "@/lib/db/taste-sessions";
import { AppError } from "@/lib/errors";
import type { TasteCheck } from "@/lib/taste/taste-contract";
import { finishedQuiz } from "./answer-taste-check";
import { getOwnTasteSession, loadTasteQuiz } from "./load-taste-quiz";
import { createCheckProposer, toTasteCheckJson } from "./taste-check-json";

/**
 * Begins "Check my taste" on the person's quiz: its first pair is stored
 * with the prediction of the model its answers so far make, before any
 * answer (`isNew`: it began now; false when it had begun already). It needs
 * an active quiz with at least one directional answer, and from here on the
 * quiz's answers are fixed: the check measures that model.
 */
export async function startTasteCheck(
  database: Database,
  ownerId: string,
  id: string,
): Promise<{ check: TasteCheck; isNew: boolean }> {
  const session = await getOwnTasteSession(database, ownerId, id);
  if (session.status !== "active") throw finishedQuiz();
  const answers = await findLiveTasteAnswers(database, ownerId, session.id);
  const quiz = await loadTasteQuiz(database, session, answers);
  const isBegun = (await findLiveTasteCheckPairs(database, ownerId, session.id)).length > 0;
  if (!isBegun && quiz.model.comparisons.length === 0)
    throw new AppError(
      "conflict",
      "Choose a picture in at least one pair before the check: there is nothing to predict from yet.",
    );
  const outcome = await beginTasteCheck(
    database,
    ownerId,
    session.id,
    answers.map((answer) => answer.id),
    createCheckProposer(session, quiz),
  );
  if (outcome.kind === "missing") throw new AppError("not_found", "No such taste quiz.");
  if (outcome.kind === "finished") throw finishedQuiz();
  if (outcome.kind === "stale") throw new AppError("conflict", "The quiz changed while the check began; reload.");
  if (outcome.kind === "exhausted")
    throw new AppError("conflict", "Every pair of this pool has been shown: none is left for a check.");
  const check = toTasteCheckJson(await findLiveTasteCheckPairs(database, ownerId, session.id));
  return { check, isNew: outcome.kind === "started" };
}
