import "server-only";
import type { Database } from "@/lib/db/open-database";
import {
  findLiveTasteAnswers,
  getTasteSession,
  type TasteAnswerRecord,
  type TasteSessionRecord,
} from "@/lib/db/taste-sessions";
import { AppError } from "@/lib/errors";
import { baselineFeatureGroups } from "@/lib/taste/baseline-features";
import type { PairOrigin } from "@/lib/taste/pair-selection";
import { type QuizAnswer, type QuizStep, replayTasteQuiz, type TasteQuiz } from "@/lib/taste/taste-quiz";
import { readTasteFeatures } from "./read-taste-features";

/** The quiz's options: the defaults, seeded by the session, with the baseline's attributes as the model's groups. */
const optionsOf = (session: TasteSessionRecord) => ({ seed: session.seed, prior: { groups: baselineFeatureGroups } });

/** The acting person's quiz; anyone else's (an admin's view included: it is personal data) does not exist. */
export async function getOwnTasteSession(database: Database, ownerId: string, id: string): Promise<TasteSessionRecord> {
  const session = await getTasteSession(database, ownerId, id);
  if (!session) throw new AppError("not_found", "No such taste quiz.");
  return session;
}

/** Stored answers as the quiz's steps: image ids back to pool positions. */
function toSteps(session: TasteSessionRecord, answers: readonly TasteAnswerRecord[]): QuizStep[] {
  const indexOf = new Map(session.imageIds.map((id, index) => [id, index]));
  return answers.map((answer) => {
    const left = indexOf.get(answer.leftImageId);
    const right = indexOf.get(answer.rightImageId);
    if (left === undefined || right === undefined)
      throw new AppError("internal", `Taste answer ${answer.id} names a picture outside its quiz's pool.`);
    return {
      left,
      right,
      probability: answer.probability,
      rule: answer.rule as PairOrigin,
      answer: answer.choice as QuizAnswer,
    };
  });
}

/**
 * The quiz as its live answers make it, replayed from the start: every
 * server instance and every reload arrive at the same state, and an undone
 * answer is as if never given.
 */
export async function loadTasteQuiz(
  database: Database,
  session: TasteSessionRecord,
  answers?: readonly TasteAnswerRecord[],
): Promise<TasteQuiz> {
  const features = await readTasteFeatures(database, session);
  const live = answers ?? (await findLiveTasteAnswers(database, session.ownerId, session.id));
  return replayTasteQuiz(features, optionsOf(session), toSteps(session, live));
}
