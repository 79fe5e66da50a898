/**
 * The swap check's verdict: the same assessment run again with A and B
 * swapped. Answers are compared by the image they name, not its place, so a
 * model that judges the pictures names the same image both times.
 */

export type SwapVerdict = "consistent" | "position-bias" | "no-answer";

type Run = { answer: string | null; candidateImageIds: readonly (string | null)[] };

/** Which image an answer names, by id, or null for no A/B answer. */
function chosenImage({ answer, candidateImageIds }: Run): string | null {
  if (answer === "Image A") return candidateImageIds[0] ?? null;
  if (answer === "Image B") return candidateImageIds[1] ?? null;
  return null;
}

/** Consistent when both runs chose the same image; position bias when they chose different ones; no-answer when either chose none. */
export function judgeSwap(original: Run, repeat: Run): SwapVerdict {
  const first = chosenImage(original);
  const second = chosenImage(repeat);
  if (first === null || second === null) return "no-answer";
  return first === second ? "consistent" : "position-bias";
}
