import "server-only";
import { attributeMeasures } from "@/lib/inference/baseline/baseline-vocabulary";
import type { ImageFeatures } from "@/lib/inference/baseline/image-features";
import { attributeKeys } from "@/lib/preferthinker/attributes";
import type { FeatureLabel } from "./describe-reference";
import { standardizeFeatures } from "./feature-vectors";

/**
 * The adapter from the baseline assessor's image statistics (measured once
 * per image and cached by its hash: lib/inference/baseline/measure-image.ts,
 * `measureImage`) to the quiz's feature vectors. It reads the same 17
 * measures the baseline compares, attribute by attribute, so what the quiz
 * learns is what the baseline can act on. Server-only because the
 * statistics are (sharp decodes the pictures); the quiz's core takes the
 * vectors and stays pure.
 */

const measures = attributeKeys.flatMap((attribute) =>
  attributeMeasures[attribute].map((measure) => ({ attribute, measure })),
);

/**
 * Words for each measure's high and low values (keyed by the baseline's
 * name for the measure), for the references' reasons.
 */
const wordsByLabel: Record<string, Omit<FeatureLabel, "attribute">> = {
  "dominant edge direction share": { high: "stripes in one direction", low: "edges running every way" },
  "edge straightness": { high: "straight edges", low: "rounded shapes" },
  "orientation spread": { high: "edges in all directions", low: "one main direction" },
  "hue x": { high: "warm red-orange hues", low: "cool blue-green hues" },
  "hue y": { high: "yellow-green hues", low: "blue-violet hues" },
  "mean lightness": { high: "light tones", low: "dark tones" },
  "flat-area share": { high: "flat fills", low: "few flat areas" },
  "soft-transition share": { high: "soft gradients", low: "hard edges" },
  grain: { high: "grainy texture", low: "clean surfaces" },
  "axis-aligned edge share": { high: "blocky pixel edges", low: "no pixel blocks" },
  "diagonal edge share": { high: "diagonal hatching", low: "no hatching" },
  "fine edge density": { high: "fine lines", low: "few fine lines" },
  "mean saturation": { high: "high saturation", low: "muted colour" },
  "90th-percentile saturation": { high: "bold colour", low: "no bold colour" },
  "edge density at half size": { high: "busy detail", low: "sparse detail" },
  "edge density at quarter size": { high: "many shapes", low: "few shapes" },
  "fine-to-coarse edge ratio": { high: "fine detail", low: "large simple shapes" },
};

export const baselineFeatureLabels: readonly FeatureLabel[] = measures.map(({ attribute, measure }) => ({
  ...(wordsByLabel[measure.label] ?? { high: `high ${measure.label}`, low: `low ${measure.label}` }),
  attribute,
}));

/** The baseline's 17 measures of one picture, raw (each roughly 0..1), attribute by attribute. */
export function readBaselineStatistics(statistics: ImageFeatures): number[] {
  return measures.map(({ measure }) => measure.read(statistics));
}

/** The columns of each attribute: the groups of the model's additive similarity term. */
export const baselineFeatureGroups: readonly (readonly number[])[] = attributeKeys.map((attribute) =>
  measures.flatMap((entry, column) => (entry.attribute === attribute ? [column] : [])),
);

/**
 * Each column divided by √(measures of its attribute): standardised, every
 * attribute then has the same prior weight, rather than Artistic Medium (6
 * measures) outweighing Saturation (2) threefold.
 */
const attributeWeights = measures.map(({ attribute }) => 1 / Math.sqrt(attributeMeasures[attribute].length));

/**
 * The feature vectors of a pool of pictures from their baseline statistics:
 * standardised over this pool, with every attribute weighing alike. Pass the
 * whole pool at once (standardising is relative to it).
 */
export function createBaselineFeatureVectors(pool: readonly ImageFeatures[]): number[][] {
  return standardizeFeatures(pool.map(readBaselineStatistics), attributeWeights);
}
