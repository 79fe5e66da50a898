import { attributeKeys } from "@/lib/preferthinker/attributes";
import type { Profile } from "@/lib/preferthinker/types";

/**
 * How closely a predicted profile words each attribute like the true one.
 * The paper scores this with a sentence-embedding model; without its
 * weights this is the lexical stand-in, and named as such: the Dice overlap
 * of the two texts' content words (lower case, plural "s" dropped), leaving
 * out joining words and the attribute's own generic nouns ("hues",
 * "saturation"), which every answer repeats and which would make any two
 * answers look alike.
 */

export const profileSimilarityMethod = "word overlap (Dice) with the true profile, not the paper's sentence-embedding similarity";

const ignored = new Set([
  "a", "an", "and", "or", "the", "of", "with", "in", "to", "on", "for", "by", "is", "are", "that", "this", "very", "more", "less",
  "style", "color", "colour", "hue", "tone", "medium", "saturation", "detail", "level", "image", "art", "artistic", "no", "clear", "preference",
]);

function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return new Set(words.map((word) => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word)).filter((word) => !ignored.has(word)));
}

/** Dice coefficient of two texts' content words; null when either has none. */
export function wordOverlap(predicted: string, truth: string): number | null {
  const said = contentWords(predicted);
  const wanted = contentWords(truth);
  if (said.size === 0 || wanted.size === 0) return null;
  let shared = 0;
  for (const word of said) if (wanted.has(word)) shared++;
  return (2 * shared) / (said.size + wanted.size);
}

export type SideSimilarity = Record<string, number | null>;

/** Per attribute: the predicted profiles' words (several profiles read together) against the true text. */
export function compareProfileSide(predicted: Profile[], truth: Record<string, string> | null): SideSimilarity {
  return Object.fromEntries(
    attributeKeys.map((key) => {
      const expected = truth?.[key];
      const said = predicted.map((profile) => profile[key] ?? "").join(" ");
      return [key, expected === undefined ? null : wordOverlap(said, expected)];
    }),
  );
}

/** The mean over every attribute of both sides that could be compared; null when none could. */
export function meanSimilarity(...sides: SideSimilarity[]): number | null {
  const values = sides.flatMap((side) => Object.values(side)).filter((value): value is number => value !== null);
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}
