import { describe, expect, it } from "vitest";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { describeReference, nameDecidingTraits } from "./describe-reference";
import { standardizeFeatures } from "./feature-vectors";
import { chooseReferences } from "./reference-choice";
import { proposeNextPair, recordAnswer, startTasteQuiz } from "./taste-quiz";

const labels = [
  { high: "high saturation", low: "muted colour" },
  { high: "light tones", low: "dark tones" },
  { high: "busy detail", low: "sparse detail" },
];

/** 45 pictures (saturation, lightness, detail): 40 spread out, then five near-copies of the most saturated one. */
const raw = (() => {
  const random = new MersenneTwister(21);
  const pictures = Array.from({ length: 40 }, () => [random.random(), random.random(), random.random()]);
  const top = pictures.reduce((best, picture) => (picture[0]! > best[0]! ? picture : best));
  for (let copy = 1; copy <= 5; copy++) pictures.push(top.map((value) => value + 0.001 * copy));
  return pictures;
})();
const topFamily = new Set([
  raw.findIndex(
    (picture) => picture === raw.slice(0, 40).reduce((best, other) => (other[0]! > best[0]! ? other : best)),
  ),
  40,
  41,
  42,
  43,
  44,
]);

/** A person who only cares about saturation answers 25 pairs of the quiz. */
function runQuiz() {
  let quiz = startTasteQuiz(standardizeFeatures(raw), { seed: 4 });
  for (let click = 0; click < 25; click++) {
    const pair = proposeNextPair(quiz)!;
    quiz = recordAnswer(quiz, pair, raw[pair.left]![0]! > raw[pair.right]![0]! ? 1 : 2);
  }
  return quiz;
}

describe("choosing the references", () => {
  const quiz = runQuiz();
  const references = chooseReferences(quiz.model, { labels });
  const saturation = (index: number) => raw[index]![0]!;
  const judged = new Set(quiz.model.comparisons.flatMap(({ winner, loser }) => [winner, loser]));

  it("gives a saturation lover liked references high in saturation and disliked ones low", () => {
    expect(references.isComplete).toBe(true);
    const liked = references.liked.map((reference) => saturation(reference.index));
    const disliked = references.disliked.map((reference) => saturation(reference.index));
    expect(Math.min(...liked)).toBeGreaterThan(Math.max(...disliked));
    expect(Math.min(...liked)).toBeGreaterThan(0.6);
    expect(Math.max(...disliked)).toBeLessThan(0.4);
  });

  it("takes only pictures the person judged, never one on both sides, and no near-duplicates", () => {
    const chosen = [...references.liked, ...references.disliked].map((reference) => reference.index);
    expect(chosen.every((index) => judged.has(index))).toBe(true);
    expect(new Set(chosen).size).toBe(10);
    // The near-copies are the most saturated pictures of all, yet at most one of them is taken.
    expect(references.liked.filter((reference) => topFamily.has(reference.index)).length).toBeLessThanOrEqual(1);
  });

  it("says why in words: the answers and the deciding traits", () => {
    // A liked reference may have lost its one answer to a picture liked even more: the reason then says what it resembles.
    for (const reference of references.liked)
      expect(reference.reason).toMatch(
        /^(you chose it over \d+ others?|it resembles the pictures you chose).*; .*high saturation/,
      );
    for (const reference of references.disliked)
      expect(reference.reason).toMatch(
        /^(you chose \d+ others? over it|it resembles the pictures you passed over).*; .*muted colour/,
      );
    expect(describeReference("liked", { wins: 3, losses: 0 }, ["high saturation", "bold colour"])).toBe(
      "you chose it over 3 others; high saturation, bold colour",
    );
    expect(describeReference("disliked", { wins: 1, losses: 1 }, [])).toBe("you chose 1 other over it (chose it once)");
  });

  it("names one trait per attribute, and only traits that weigh", () => {
    const words = [
      { high: "high saturation", low: "muted colour", attribute: "Saturation" },
      { high: "bold colour", low: "no bold colour", attribute: "Saturation" },
      { high: "few shapes", low: "many shapes", attribute: "Detail" },
      { high: "light tones", low: "dark tones", attribute: "Color" },
    ];
    expect(nameDecidingTraits("liked", [2, 2, -2, 0.1], [1, 0.9, -0.8, 1], words)).toEqual([
      "high saturation",
      "many shapes",
    ]);
    expect(nameDecidingTraits("disliked", [2, 2, -2, 0.1], [1, 0.9, -0.8, 1], words)).toEqual([]);
  });

  it("splits a small judged set in half rather than putting a picture on both sides", () => {
    let early = startTasteQuiz(standardizeFeatures(raw), { seed: 4 });
    for (let click = 0; click < 2; click++) early = recordAnswer(early, proposeNextPair(early)!, 1);
    const few = chooseReferences(early.model);
    expect(few.isComplete).toBe(false);
    expect(few.liked.length + few.disliked.length).toBe(
      new Set(early.model.comparisons.flatMap(({ winner, loser }) => [winner, loser])).size,
    );
  });
});
