import { foldText } from "./official";
import type { ImageLabel } from "./types";

/**
 * A sample assessed in both orders: first as given (A/B), then with the two
 * candidates exchanged (B/A). A judge that looks at the pictures names the
 * same picture both times, so its two answers name different positions; a
 * judge that follows the position gives the same letter both times.
 */

/** The label of the sample with its candidates exchanged: "Image A" becomes "Image B" and the other way round. */
export function swapLabel(label: string): string {
  if (label === "Image A") return "Image B";
  if (label === "Image B") return "Image A";
  return label;
}

/** The position an output answers, read as leniently as the training reward reads it; null when it names neither. */
export function answeredPosition(output: string): ImageLabel | null {
  const answer = foldText(output);
  return answer === "image a" ? "A" : answer === "image b" ? "B" : null;
}

/**
 * Whether the two orders' answers name the same picture (true), the same
 * position (false: the answer followed the position), or cannot be compared
 * because one order has no answer (null).
 */
export function isConsistentUnderSwap(asGiven: string, swapped: string): boolean | null {
  const first = answeredPosition(asGiven);
  const second = answeredPosition(swapped);
  if (first === null || second === null) return null;
  return first !== second;
}
