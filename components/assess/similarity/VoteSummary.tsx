import type { SimilarityVote } from "@/lib/dreamsim/similarity-vote";

/** DreamSim's vote in words, and whether it agrees with the model's answer. */
export function VoteSummary({
  vote,
  agreement,
  modelAnswer,
  isTestModel,
}: {
  vote: SimilarityVote;
  agreement: boolean | null;
  modelAnswer: string | null;
  isTestModel: boolean;
}) {
  return (
    <div className="space-y-1" role="status" aria-live="polite">
      <p data-testid="similarity-vote">
        <span className="font-medium">DreamSim&apos;s vote: {vote.answer === "tie" ? "a tie" : vote.answer}</span>
        <span className="text-sm text-slate-600">
          {vote.answer === "tie"
            ? " (both candidates are equally close to your references)"
            : ` (closer to your liked images and farther from your disliked ones; margin ${Math.abs(vote.margin).toFixed(4)})`}
        </span>
      </p>
      {modelAnswer !== null && (
        <p
          data-testid="similarity-agreement"
          className={
            agreement === true ? "text-emerald-800" : agreement === false ? "text-amber-800" : "text-slate-600"
          }
        >
          {agreement === true && `Agrees with the model's answer (${modelAnswer.trim()}).`}
          {agreement === false && `Disagrees with the model's answer (${modelAnswer.trim()}).`}
          {agreement === null && "No comparison: one of the two gave no clear answer."}
        </p>
      )}
      {isTestModel && (
        <p className="text-sm text-amber-800">
          This is the project&apos;s test model (random weights): its vote means nothing about taste.
        </p>
      )}
    </div>
  );
}
