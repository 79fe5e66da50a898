import { attributeKeys, type AttributeKey } from "@/lib/preferthinker/attributes";
import type { ParsedAssessment } from "@/lib/preferthinker/types";
import { type AgreementFigure, cohenKappa, krippendorffAlpha } from "./agreement-statistics";
import type { AnnotationBody, Verdict } from "./annotation-contract";
import { finalScores, majorityVerdict } from "./consensus";

/**
 * A queue's agreement figures: on the verdict and on each attribute's final
 * score (the model's where annotators agreed with it, theirs where they
 * corrected it), Cohen's kappa when exactly two people annotated the items
 * and Krippendorff's alpha for any number; and per annotator, how much and
 * how fast they worked and how often they matched the consensus.
 */

export type AgreementAnnotation = {
  annotatorId: string;
  email: string;
  verdict: Verdict;
  body: AnnotationBody;
  seconds: number;
};
export type AgreementItem = {
  parsed: ParsedAssessment;
  annotations: AgreementAnnotation[];
  resolution: AnnotationBody | null;
};

export type QueueAgreement = {
  verdict: { kappa: AgreementFigure | null; alpha: AgreementFigure };
  attributes: { attribute: AttributeKey; kappa: AgreementFigure | null; alpha: AgreementFigure }[];
  annotators: {
    annotatorId: string;
    email: string;
    annotations: number;
    medianSeconds: number | null;
    perHour: number | null;
    consensus: AgreementFigure;
  }[];
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The two people who annotated every multiply-annotated item, or null when that is not so (kappa needs fixed raters). */
function fixedPair(items: AgreementItem[]): [string, string] | null {
  const shared = items.filter((item) => item.annotations.length >= 2);
  const people = new Set(shared.flatMap((item) => item.annotations.map((annotation) => annotation.annotatorId)));
  if (people.size !== 2 || shared.some((item) => item.annotations.length !== 2)) return null;
  return [...people].sort() as [string, string];
}

function pairsOf<T extends string | number>(
  items: AgreementItem[],
  pair: [string, string],
  valueOf: (item: AgreementItem, annotation: AgreementAnnotation) => T | null,
): [T, T][] {
  const pairs: [T, T][] = [];
  for (const item of items) {
    const first = item.annotations.find((annotation) => annotation.annotatorId === pair[0]);
    const second = item.annotations.find((annotation) => annotation.annotatorId === pair[1]);
    if (!first || !second) continue;
    const a = valueOf(item, first);
    const b = valueOf(item, second);
    if (a !== null && b !== null) pairs.push([a, b]);
  }
  return pairs;
}

export function computeQueueAgreement(items: AgreementItem[]): QueueAgreement {
  const pair = fixedPair(items);
  const verdictUnits = items.map((item) => item.annotations.map((annotation) => annotation.verdict));
  const attributeFigures = attributeKeys.map((attribute, index) => {
    // Each candidate's score on the attribute is one unit; A sits at index, B at index + 5.
    const scoreOf = (item: AgreementItem, annotation: AgreementAnnotation, offset: number) =>
      finalScores(item.parsed, annotation.body)[index + offset] ?? null;
    const units = items.flatMap((item) =>
      [0, 5].map((offset) =>
        item.annotations
          .map((annotation) => scoreOf(item, annotation, offset))
          .filter((score): score is number => score !== null),
      ),
    );
    const kappa = pair
      ? cohenKappa(
          [0, 5].flatMap((offset) => pairsOf(items, pair, (item, annotation) => scoreOf(item, annotation, offset))),
        )
      : null;
    return { attribute, kappa, alpha: krippendorffAlpha(units, "interval") };
  });
  return {
    verdict: {
      kappa: pair ? cohenKappa(pairsOf(items, pair, (_, annotation) => annotation.verdict)) : null,
      alpha: krippendorffAlpha(verdictUnits, "nominal"),
    },
    attributes: attributeFigures,
    annotators: annotatorFigures(items),
  };
}

function annotatorFigures(items: AgreementItem[]): QueueAgreement["annotators"] {
  const people = new Map<string, { email: string; seconds: number[]; matches: number; compared: number }>();
  for (const item of items) {
    const consensus =
      item.resolution?.verdict ??
      (item.annotations.length >= 2 ? majorityVerdict(item.annotations.map((annotation) => annotation.verdict)) : null);
    for (const annotation of item.annotations) {
      const person = people.get(annotation.annotatorId) ?? {
        email: annotation.email,
        seconds: [],
        matches: 0,
        compared: 0,
      };
      person.seconds.push(annotation.seconds);
      if (consensus !== null) {
        person.compared++;
        if (annotation.verdict === consensus) person.matches++;
      }
      people.set(annotation.annotatorId, person);
    }
  }
  return [...people.entries()]
    .map(([annotatorId, person]) => {
      const total = person.seconds.reduce((sum, value) => sum + value, 0);
      return {
        annotatorId,
        email: person.email,
        annotations: person.seconds.length,
        medianSeconds: median(person.seconds),
        perHour: total > 0 ? (person.seconds.length * 3600) / total : null,
        consensus: { value: person.compared ? person.matches / person.compared : null, n: person.compared },
      };
    })
    .sort((a, b) => a.email.localeCompare(b.email));
}
