import "server-only";
import type { AttributeKey } from "@/lib/preferthinker/attributes";
import type { ImageFeatures } from "./image-features";

/**
 * The baseline's own words for what it measures, one small vocabulary per
 * attribute, and the rules that pick a word for one image. The thresholds
 * were read off rendered test pictures of known kind (see
 * docs/baseline.md); they name things, they do not score them.
 */

const hueNames = [
  ["red", 2],
  ["orange", 28],
  ["yellow", 54],
  ["green", 125],
  ["teal", 178],
  ["blue", 220],
  ["purple", 275],
  ["pink", 325],
] as const;

const circularGap = (a: number, b: number) => {
  const difference = Math.abs(a - b) % 360;
  return Math.min(difference, 360 - difference);
};

/** The named hue nearest to `hue` (degrees). */
export function nameHue(hue: number | null): string {
  if (hue === null) return "neutral grey";
  let best: (typeof hueNames)[number] = hueNames[0];
  for (const entry of hueNames) if (circularGap(hue, entry[1]) < circularGap(hue, best[1])) best = entry;
  return best[0];
}

export function nameSaturation(features: ImageFeatures): string {
  const value = features.saturation.meanSaturation;
  return value < 0.22 ? "muted" : value < 0.46 ? "moderately saturated" : "vivid";
}

/**
 * Edges at half size over edges at quarter size: small shapes vanish when
 * the picture shrinks, large ones do not, so the ratio grows with the
 * fineness of the detail whatever the picture's contrast.
 */
export const fineToCoarseRatio = (features: ImageFeatures) =>
  features.detail.edgeDensityHalf / Math.max(0.01, features.detail.edgeDensityQuarter);

export function nameDetail(features: ImageFeatures): string {
  if (features.detail.edgeDensityHalf < 0.02) return "sparse";
  const ratio = fineToCoarseRatio(features);
  return ratio < 0.57 ? "sparse" : ratio < 0.75 ? "moderately busy" : "dense";
}

export function nameMedium(features: ImageFeatures): string {
  const medium = features.medium;
  if (medium.diagonalShare >= 0.5 && medium.fineEdgeDensity >= 0.1) return "hatched lines";
  if (medium.axisShare >= 0.6) return "blocky pixels";
  if (medium.flatShare < 0.03 && medium.grain >= 0.015) return "grainy texture";
  if (medium.softness >= 0.75) return "smooth gradients";
  return "flat fills";
}

export function nameStyle(features: ImageFeatures): string {
  const style = features.style;
  if (style.dominantOrientation >= 0.45) return "stripes";
  return style.straightness >= 0.2 ? "straight-edged geometry" : "rounded organic shapes";
}

export function nameAttribute(attribute: AttributeKey, features: ImageFeatures): string {
  switch (attribute) {
    case "Art Styles":
      return nameStyle(features);
    case "Color":
      return nameHue(features.color.hue);
    case "Artistic Medium":
      return nameMedium(features);
    case "Saturation":
      return nameSaturation(features);
    case "Detail":
      return nameDetail(features);
  }
}

/**
 * A named measurement: what the rationale quotes for an attribute. `unit` is
 * the difference that counts as one step when comparing images (about the
 * gap between two neighbouring words of the vocabulary), so measures of
 * different ranges weigh alike and noise in a minor one cannot drown a
 * clear difference in another.
 */
export type Measure = { label: string; unit: number; read(features: ImageFeatures): number };

/**
 * The numbers the baseline compares for each attribute (one vector per
 * image), each with the words a rationale uses for it. Colour's hue is
 * circular, so it enters as a point on the unit circle, shrunk toward the
 * centre when the image has little colour.
 */
export const attributeMeasures: Record<AttributeKey, Measure[]> = {
  "Art Styles": [
    { label: "dominant edge direction share", unit: 0.2, read: (f) => f.style.dominantOrientation },
    { label: "edge straightness", unit: 0.12, read: (f) => f.style.straightness },
    { label: "orientation spread", unit: 0.2, read: (f) => f.style.orientationEntropy },
  ],
  Color: [
    {
      label: "hue x",
      unit: 0.25,
      read: (f) =>
        f.color.hue === null ? 0 : Math.cos((f.color.hue * Math.PI) / 180) * Math.min(1, f.color.colorfulShare * 3),
    },
    {
      label: "hue y",
      unit: 0.25,
      read: (f) =>
        f.color.hue === null ? 0 : Math.sin((f.color.hue * Math.PI) / 180) * Math.min(1, f.color.colorfulShare * 3),
    },
    { label: "mean lightness", unit: 0.35, read: (f) => f.color.meanLightness },
  ],
  "Artistic Medium": [
    { label: "flat-area share", unit: 0.2, read: (f) => f.medium.flatShare },
    { label: "soft-transition share", unit: 0.15, read: (f) => f.medium.softness },
    { label: "grain", unit: 0.15, read: (f) => f.medium.grain * 10 },
    { label: "axis-aligned edge share", unit: 0.2, read: (f) => f.medium.axisShare },
    { label: "diagonal edge share", unit: 0.2, read: (f) => f.medium.diagonalShare },
    { label: "fine edge density", unit: 0.1, read: (f) => f.medium.fineEdgeDensity },
  ],
  Saturation: [
    { label: "mean saturation", unit: 0.1, read: (f) => f.saturation.meanSaturation },
    { label: "90th-percentile saturation", unit: 0.12, read: (f) => f.saturation.highSaturation },
  ],
  Detail: [
    { label: "edge density at half size", unit: 0.06, read: (f) => f.detail.edgeDensityHalf },
    { label: "edge density at quarter size", unit: 0.08, read: (f) => f.detail.edgeDensityQuarter },
    { label: "fine-to-coarse edge ratio", unit: 0.1, read: (f) => Math.min(2, fineToCoarseRatio(f)) / 2 },
  ],
};
