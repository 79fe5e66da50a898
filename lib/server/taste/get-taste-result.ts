import "server-only";
import type { Database } from "@/lib/db/open-database";
import { baselineFeatureLabels } from "@/lib/taste/baseline-features";
import { rankJudgedPictures } from "@/lib/taste/judged-pictures";
import { chooseReferences, type ChosenReference } from "@/lib/taste/reference-choice";
import type { TasteReference, TasteResult } from "@/lib/taste/taste-contract";
import { getOwnTasteSession, loadTasteQuiz } from "./load-taste-quiz";

/**
 * The quiz's references so far: up to five liked and five disliked pictures,
 * all among those the person judged, each with its tally and a reason in
 * the baseline's words, and every judged picture (most preferred first) for
 * the person to choose others from. Ready to save as a reference set. The
 * check's answers play no part: they are not the quiz's.
 */
export async function getTasteResult(database: Database, ownerId: string, id: string): Promise<TasteResult> {
  const session = await getOwnTasteSession(database, ownerId, id);
  const quiz = await loadTasteQuiz(database, session);
  const references = chooseReferences(quiz.model, { labels: baselineFeatureLabels });
  const toJson = (reference: ChosenReference): TasteReference => ({
    imageId: session.imageIds[reference.index]!,
    reason: reference.reason,
    wins: reference.wins,
    losses: reference.losses,
  });
  return {
    liked: references.liked.map(toJson),
    disliked: references.disliked.map(toJson),
    isComplete: references.isComplete,
    judged: rankJudgedPictures(quiz.model, baselineFeatureLabels).map((picture) => ({
      imageId: session.imageIds[picture.index]!,
      wins: picture.wins,
      losses: picture.losses,
      reasons: picture.reasons,
    })),
  };
}
