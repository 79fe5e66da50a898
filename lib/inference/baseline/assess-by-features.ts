import "server-only";
import { type AttributeKey, attributeKeys } from "@/lib/preferthinker/attributes";
import { attributeMeasures, nameAttribute, nameHue } from "./baseline-vocabulary";
import type { ImageFeatures } from "./image-features";

/**
 * The baseline's judgement, from measurements alone. For each attribute it
 * compares a candidate with the liked and the disliked references: the
 * score is 5 when it sits among the liked ones, 0 among the disliked ones,
 * and it is pulled toward the middle as far as the two reference groups
 * overlap in that attribute, so an attribute the references do not separate
 * cannot decide the answer. Distances go to the nearest references, not to a
 * group's mean, so a person who likes two different looks is served too.
 */

export type CandidateVerdict = { scores: number[]; rationales: string[]; unroundedTotal: number };

export type BaselineVerdict = {
  profiles: { preference: Record<AttributeKey, string>; nonPreference: Record<AttributeKey, string> };
  /** How clearly the references separate in each attribute, 0..1. */
  confidence: Record<AttributeKey, number>;
  candidates: CandidateVerdict[];
  /** "Image A" or "Image B"; null with one candidate. */
  answer: "Image A" | "Image B" | null;
};

type References = { preferred: ImageFeatures[]; nonPreferred: ImageFeatures[] };

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const spread = (values: number[]) => {
  const centre = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - centre) ** 2)));
};
const distance = (a: number[], b: number[]) =>
  Math.sqrt(a.reduce((sum, value, index) => sum + (value - b[index]!) ** 2, 0));

/** Mean distance to the `k` nearest of `group` (2 by default): near one look among several counts as near. */
function nearestDistance(point: number[], group: number[][], k = 2): number {
  const distances = group.map((other) => distance(point, other)).sort((a, b) => a - b);
  return mean(distances.slice(0, Math.min(k, distances.length)));
}

/** Below this a difference in a measure is treated as noise (measures are roughly 0..1). */
const noiseFloor = 0.04;

/** How far apart the groups are compared with how tight each is: 0 overlapping, 1 cleanly apart. */
function separationOf(liked: number[][], disliked: number[][]): number {
  const within = (group: number[][]) =>
    mean(
      group.map((point, index) =>
        nearestDistance(
          point,
          group.filter((_, other) => other !== index),
        ),
      ),
    );
  const between = mean([
    ...liked.map((point) => nearestDistance(point, disliked)),
    ...disliked.map((point) => nearestDistance(point, liked)),
  ]);
  const tight = mean([within(liked), within(disliked)]);
  const ratio = between / Math.max(tight, 1e-6);
  return Math.min(1, Math.max(0, (ratio - 1.2) / 1.8));
}

const majorityTerm = (terms: string[]): string => {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  // Two looks, each in at least two references: name both.
  if (second && second[1] >= 2 && second[1] >= terms.length * 0.35) return `${first![0]} or ${second[0]}`;
  return first![0];
};

const format = (value: number) => value.toFixed(2);

function circularSummary(features: ImageFeatures[]): string {
  const hues = features.map((feature) => feature.color.hue).filter((hue): hue is number => hue !== null);
  if (hues.length === 0) return "neutral grey";
  const x = mean(hues.map((hue) => Math.cos((hue * Math.PI) / 180)));
  const y = mean(hues.map((hue) => Math.sin((hue * Math.PI) / 180)));
  const centre = ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
  const deviation = (Math.sqrt(-2 * Math.log(Math.max(1e-9, Math.min(1, Math.hypot(x, y))))) * 180) / Math.PI;
  return `${nameHue(centre)} (hue ${Math.round(centre)}° ± ${Math.round(deviation)}°)`;
}

/** The measure whose group means differ most, in units of their spread: what a rationale quotes. */
function headlineMeasure(attribute: AttributeKey, references: References) {
  const scored = attributeMeasures[attribute].map((measure) => {
    const liked = references.preferred.map(measure.read);
    const disliked = references.nonPreferred.map(measure.read);
    const gap = Math.abs(mean(liked) - mean(disliked)) / Math.max(noiseFloor, spread([...liked, ...disliked]));
    return { measure, liked, disliked, gap };
  });
  return scored.sort((a, b) => b.gap - a.gap)[0]!;
}

function describeGroups(attribute: AttributeKey, references: References): string {
  if (attribute === "Color")
    return `liked references ${circularSummary(references.preferred)}, disliked ${circularSummary(references.nonPreferred)}`;
  const { measure, liked, disliked } = headlineMeasure(attribute, references);
  return `${measure.label}: liked references ${format(mean(liked))} ± ${format(spread(liked))}, disliked ${format(mean(disliked))} ± ${format(spread(disliked))}`;
}

function describeCandidate(attribute: AttributeKey, features: ImageFeatures, references: References): string {
  if (attribute === "Color") {
    const hue = features.color.hue;
    return hue === null
      ? "almost no colour"
      : `hue ${Math.round(hue)}° (${nameHue(hue)}), colourful share ${format(features.color.colorfulShare)}`;
  }
  const { measure } = headlineMeasure(attribute, references);
  return `${measure.label} ${format(measure.read(features))}, reads as ${nameAttribute(attribute, features)}`;
}

function profileEntry(attribute: AttributeKey, group: ImageFeatures[], confidence: number): string {
  const term = majorityTerm(group.map((features) => nameAttribute(attribute, features)));
  if (confidence >= 0.5) return term;
  if (confidence >= 0.2) return `leaning toward ${term}`;
  return `no clear preference (references overlap; mostly ${term})`;
}

/** Where the candidate sits between the groups, in words. */
const placeOf = (score: number) =>
  score >= 4
    ? "among the liked references"
    : score <= 1
      ? "among the disliked references"
      : score === 2 || score === 3
        ? "between the two groups"
        : "";

export function assessByFeatures(references: References, candidates: ImageFeatures[]): BaselineVerdict {
  const preference = {} as Record<AttributeKey, string>;
  const nonPreference = {} as Record<AttributeKey, string>;
  const confidence = {} as Record<AttributeKey, number>;
  const verdicts: CandidateVerdict[] = candidates.map(() => ({ scores: [], rationales: [], unroundedTotal: 0 }));
  const exact: number[][] = candidates.map(() => []);

  for (const attribute of attributeKeys) {
    // Each measure in its own units, so that one step means about the same in all of them.
    const vectorOf = (features: ImageFeatures) =>
      attributeMeasures[attribute].map((measure) => measure.read(features) / measure.unit);
    const liked = references.preferred.map((features) => vectorOf(features));
    const disliked = references.nonPreferred.map((features) => vectorOf(features));
    const clarity = separationOf(liked, disliked);
    confidence[attribute] = clarity;
    preference[attribute] = profileEntry(attribute, references.preferred, clarity);
    nonPreference[attribute] = profileEntry(attribute, references.nonPreferred, clarity);
    const groups = describeGroups(attribute, references);
    candidates.forEach((features, index) => {
      const point = vectorOf(features);
      const [toLiked, toDisliked] = [nearestDistance(point, liked), nearestDistance(point, disliked)];
      const leaning = (5 * toDisliked) / Math.max(1e-9, toLiked + toDisliked);
      // An attribute the references do not separate says little: pull it toward the middle.
      const score = 2.5 + (leaning - 2.5) * Math.max(0.15, clarity);
      exact[index]!.push(score);
      verdicts[index]!.scores.push(Math.round(score));
      verdicts[index]!.rationales.push(`${describeCandidate(attribute, features, references)}; ${groups}`);
    });
  }
  for (const [index, verdict] of verdicts.entries())
    verdict.unroundedTotal = exact[index]!.reduce((sum, value) => sum + value, 0);
  const answer = verdicts.length === 2 ? breakTie(verdicts, exact) : null;
  for (const verdict of verdicts) {
    verdict.rationales = verdict.rationales.map((text, attribute) => {
      const place = placeOf(verdict.scores[attribute]!);
      return place ? `${text}; ${place}` : text;
    });
  }
  return { profiles: { preference, nonPreference }, confidence, candidates: verdicts, answer };
}

/**
 * Rounding can make two different candidates' totals equal. The unrounded
 * totals still differ, so the closest call among the attributes is rounded
 * the other way, in favour of the candidate ahead before rounding: the
 * written totals then agree with the answer, as the protocol requires.
 */
function breakTie(verdicts: CandidateVerdict[], exact: number[][]): "Image A" | "Image B" {
  const [a, b] = verdicts as [CandidateVerdict, CandidateVerdict];
  const total = (verdict: CandidateVerdict) => verdict.scores.reduce((sum, value) => sum + value, 0);
  const aheadIndex = a.unroundedTotal >= b.unroundedTotal ? 0 : 1;
  if (total(a) === total(b)) {
    const ahead = verdicts[aheadIndex]!;
    const behind = verdicts[1 - aheadIndex]!;
    // The attribute whose rounding cost the leader most (or helped the other most) is rounded the other way.
    let best: { who: CandidateVerdict; attribute: number; change: number; cost: number } | null = null;
    for (let attribute = 0; attribute < ahead.scores.length; attribute++) {
      const upCost = Math.ceil(exact[aheadIndex]![attribute]!) - exact[aheadIndex]![attribute]!;
      if (
        ahead.scores[attribute]! < 5 &&
        ahead.scores[attribute]! < Math.ceil(exact[aheadIndex]![attribute]!) &&
        (!best || upCost < best.cost)
      )
        best = { who: ahead, attribute, change: 1, cost: upCost };
      const downCost = exact[1 - aheadIndex]![attribute]! - Math.floor(exact[1 - aheadIndex]![attribute]!);
      if (
        behind.scores[attribute]! > 0 &&
        behind.scores[attribute]! > Math.floor(exact[1 - aheadIndex]![attribute]!) &&
        (!best || downCost < best.cost)
      )
        best = { who: behind, attribute, change: -1, cost: downCost };
    }
    if (best) best.who.scores[best.attribute] = best.who.scores[best.attribute]! + best.change;
  }
  return total(a) > total(b) ? "Image A" : total(b) > total(a) ? "Image B" : aheadIndex === 0 ? "Image A" : "Image B";
}
