import "server-only";
import type { ProposeCheckPair } from "@/lib/db/taste-checks";
import type { TasteAnswerRecord, TasteSessionRecord } from "@/lib/db/taste-sessions";
import { proposeCheckPair, scoreCheck } from "@/lib/taste/taste-check";
import { TASTE_CHECK_PAIRS, type TasteCheck, type TasteCheckAnswer } from "@/lib/taste/taste-contract";
import type { QuizAnswer, TasteQuiz } from "@/lib/taste/taste-quiz";

/**
 * The check's next pair for the database layer to store: drawn from the
 * quiz's model as it stands (the check never changes it), predicted, and
 * named by image ids.
 */
export function createCheckProposer(session: TasteSessionRecord, quiz: TasteQuiz): ProposeCheckPair {
  const indexOf = new Map(session.imageIds.map((id, index) => [id, index]));
  return (live) => {
    const shown = live.map((row) => ({
      left: indexOf.get(row.leftImageId) ?? -1,
      right: indexOf.get(row.rightImageId) ?? -1,
    }));
    const proposal = proposeCheckPair(quiz, shown, TASTE_CHECK_PAIRS);
    return (
      proposal && {
        position: live.length,
        leftImageId: session.imageIds[proposal.left]!,
        rightImageId: session.imageIds[proposal.right]!,
        probability: proposal.probability,
        rule: proposal.rule,
        predictedChoice: proposal.predicted,
        predictedProbability: proposal.predictedProbability,
      }
    );
  };
}

/**
 * The check as the page shows it: the answered pairs with their
 * predictions, the waiting pair without its own (revealed only once
 * answered), and the figure so far.
 */
export function toTasteCheckJson(live: readonly TasteAnswerRecord[]): TasteCheck {
  const waiting = live.find((row) => row.choice === null);
  const answers = live.flatMap((row): TasteCheckAnswer[] => {
    if (row.choice === null) return [];
    const predicted = row.predictedChoice ?? 1;
    return [
      {
        position: row.position,
        leftImageId: row.leftImageId,
        rightImageId: row.rightImageId,
        choice: row.choice,
        predicted,
        predictedProbability: row.predictedProbability ?? 0.5,
        isCorrect: row.choice === 0 ? null : row.choice === predicted,
      },
    ];
  });
  return {
    total: TASTE_CHECK_PAIRS,
    isStarted: live.length > 0,
    isComplete: live.length > 0 && !waiting,
    next: waiting
      ? {
          position: waiting.position,
          leftImageId: waiting.leftImageId,
          rightImageId: waiting.rightImageId,
          probability: waiting.probability,
        }
      : null,
    answers,
    score: scoreCheck(
      answers.map((answer) => ({ predicted: answer.predicted as 1 | 2, answer: answer.choice as QuizAnswer })),
    ),
  };
}
