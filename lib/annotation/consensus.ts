import { attributeKeys } from "@/lib/preferthinker/attributes";
import type { ParsedAssessment } from "@/lib/preferthinker/types";
import type { AnnotationBody, Verdict } from "./annotation-contract";
import { correctedScores } from "./corrected-output";

/**
 * Whether an item's annotators agree, and what the item's settled
 * annotation is: the reviewer's resolution if there is one, else the
 * annotation all annotators agree on.
 */

export type ItemAnnotation = { annotatorId: string; verdict: Verdict; body: AnnotationBody };

/** The ten final scores an annotation arrives at (the model's where it agreed). */
export function finalScores(parsed: ParsedAssessment, body: AnnotationBody): (number | null)[] {
  const scores = correctedScores(parsed, body);
  return [...scores.A, ...scores.B].map((cell) => cell.score);
}

/** Annotators disagree when their verdicts differ or they arrive at different scores. */
export function isDisputed(parsed: ParsedAssessment, annotations: ItemAnnotation[]): boolean {
  if (annotations.length < 2) return false;
  const [first, ...rest] = annotations;
  const firstScores = finalScores(parsed, first!.body).join(",");
  return rest.some(
    (other) => other.verdict !== first!.verdict || finalScores(parsed, other.body).join(",") !== firstScores,
  );
}

export type ItemState = "open" | "disputed" | "resolved" | "settled";

export function itemState(
  parsed: ParsedAssessment,
  annotations: ItemAnnotation[],
  required: number,
  hasResolution: boolean,
): ItemState {
  if (hasResolution) return "resolved";
  if (annotations.length < required) return "open";
  return isDisputed(parsed, annotations) ? "disputed" : "settled";
}

/** The annotation an item ends with, or null while it is open or disputed. */
export function settledAnnotation(
  parsed: ParsedAssessment,
  annotations: ItemAnnotation[],
  required: number,
  resolution: AnnotationBody | null,
): AnnotationBody | null {
  if (resolution) return resolution;
  if (itemState(parsed, annotations, required, false) !== "settled") return null;
  return annotations[0]!.body;
}

/** The verdict most annotators gave; null on a tie for first place. */
export function majorityVerdict(verdicts: Verdict[]): Verdict | null {
  const counts = new Map<Verdict, number>();
  for (const verdict of verdicts) counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0]![1] === ranked[1]![1])) return null;
  return ranked[0]![0];
}

export const scoreUnitLabels = [...attributeKeys.map((key) => `A ${key}`), ...attributeKeys.map((key) => `B ${key}`)];
