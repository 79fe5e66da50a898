import "server-only";
import type { TasteSessionRecord } from "@/lib/db/taste-sessions";
import {
  TYPICAL_QUIZ_CLICKS,
  type TasteNextPair,
  type TasteProgress,
  type TasteSession,
  type TasteSessionState,
  type TasteStatus,
} from "@/lib/taste/taste-contract";
import type { ShownPair } from "@/lib/taste/pair-selection";
import { getQuizStatus, proposeNextPair, type TasteQuiz } from "@/lib/taste/taste-quiz";

export function toTasteSessionJson(session: TasteSessionRecord): TasteSession {
  return {
    id: session.id,
    pool: { kind: session.poolKind, subsetId: session.subsetId },
    imageIds: session.imageIds,
    status: session.status,
    createdAt: session.createdAt.toISOString(),
    finishedAt: session.finishedAt?.toISOString() ?? null,
    referenceSetId: session.referenceSetId,
  };
}

/**
 * The pair the server expects next, or null: none once the session is
 * finished, the cap is reached or every pair was shown. After convergence
 * pairs are still offered (status says it is finished; the page may stop
 * or let the person go on, which the model keeps learning from).
 */
export function proposeTastePair(session: TasteSessionRecord, quiz: TasteQuiz): ShownPair | null {
  const { reason } = getQuizStatus(quiz);
  if (session.status !== "active" || reason === "cap" || reason === "exhausted") return null;
  return proposeNextPair(quiz);
}

/**
 * Where the quiz stands. remainingEstimate counts down from the typical
 * quiz (15 clicks, never past the cap) and stays at least 1 while the quiz
 * is not finished, since it goes on until the model converges: "about N
 * more to go", not a promise.
 */
export function toTasteStatusJson(quiz: TasteQuiz): TasteStatus {
  const status = getQuizStatus(quiz);
  const typical = Math.min(quiz.options.maxClicks, TYPICAL_QUIZ_CLICKS);
  const remainingEstimate = status.isFinished
    ? 0
    : Math.min(quiz.options.maxClicks - status.clicks, Math.max(1, typical - status.clicks));
  return { ...status, remainingEstimate };
}

export function toTasteProgressJson(session: TasteSessionRecord, quiz: TasteQuiz): TasteProgress {
  const pair = proposeTastePair(session, quiz);
  const next: TasteNextPair = pair
    ? {
        position: quiz.steps.length,
        leftImageId: session.imageIds[pair.left]!,
        rightImageId: session.imageIds[pair.right]!,
        probability: pair.probability,
      }
    : null;
  const shown = quiz.steps.map((step): [string, string] => [
    session.imageIds[step.left]!,
    session.imageIds[step.right]!,
  ]);
  return { next, status: toTasteStatusJson(quiz), shown };
}

export function toTasteStateJson(session: TasteSessionRecord, quiz: TasteQuiz): TasteSessionState {
  return { session: toTasteSessionJson(session), ...toTasteProgressJson(session, quiz) };
}
