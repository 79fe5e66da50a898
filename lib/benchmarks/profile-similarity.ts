import { stemmer } from "stemmer";
import { attributeKeys } from "@/lib/preferthinker/attributes";
import type { Profile } from "@/lib/preferthinker/types";

/**
 * How closely a predicted profile words each attribute like the true one.
 * The paper scores this with a sentence-embedding model; without its
 * weights this is the lexical stand-in, and named as such: the Dice overlap
 * of the two texts' content words (lower case, Porter-stemmed, so "striped"
 * and "stripes" are one word), leaving
 * out joining words and the attribute's own generic nouns ("hues",
 * "saturation"), which every answer repeats and which would make any two
 * answers look alike.
 */

export const profileSimilarityMethod =
  "word overlap (Dice) with the true profile, not the paper's sentence-embedding similarity";

const ignored = new Set([
  "a",
  "an",
  "and",
  "or",
  "the",
  "of",
  "with",
  "in",
  "to",
  "on",
  "for",
  "by",
  "is",
  "are",
  "that",
  "this",
  "very",
  "more",
  "less",
  "style",
  "color",
  "colour",
  "hue",
  "tone",
  "medium",
  "saturation",
  "detail",
  "level",
  "image",
  "art",
  "artistic",
  "no",
  "clear",
  "preference",
]);

// Plurals and other forms of the ignored words ("hues", "colors", "details").
const ignoredStems = new Set([...ignored].map((word) => stemmer(word)));

function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return new Set(
    words
      .filter((word) => !ignored.has(word))
      .map((word) => stemmer(word))
      .filter((word) => !ignoredStems.has(word)),
  );
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
