import type { AttributeKey } from "@/lib/preferthinker/attributes";

/**
 * The five attributes the demo generator controls, and the words it writes
 * in the ground-truth profiles (`prefer_attributes`). Some values are held
 * out of the "seen" (ID) users, so the "unseen" (OD) subsets test profiles
 * the seen ones never show.
 */

export const hueFamilies = {
  red: 2,
  orange: 28,
  yellow: 54,
  green: 125,
  teal: 178,
  blue: 220,
  purple: 275,
  pink: 325,
} as const;
export type HueFamily = keyof typeof hueFamilies;

export const saturationLevels = { muted: 0.2, moderate: 0.5, vivid: 0.9 } as const;
export type SaturationLevel = keyof typeof saturationLevels;

/** How many shapes (or bands) a picture has, and how big they are relative to its side. */
export const detailLevels = {
  minimal: { count: 3, size: 0.42 },
  moderate: { count: 9, size: 0.2 },
  intricate: { count: 30, size: 0.09 },
} as const;
export type DetailLevel = keyof typeof detailLevels;

export const media = ["flat", "gradient", "grainy", "pixel", "hatching"] as const;
export type Medium = (typeof media)[number];

export const shapeStyles = ["geometric", "organic", "striped"] as const;
export type ShapeStyle = (typeof shapeStyles)[number];

/** One simulated taste: a value for each attribute. */
export type DemoProfile = {
  style: ShapeStyle;
  hue: HueFamily;
  medium: Medium;
  saturation: SaturationLevel;
  detail: DetailLevel;
};

export const demoAttributeNames = [
  "style",
  "hue",
  "medium",
  "saturation",
  "detail",
] as const satisfies readonly (keyof DemoProfile)[];
export type DemoAttribute = (typeof demoAttributeNames)[number];

export const valuesOf: { [K in DemoAttribute]: readonly DemoProfile[K][] } = {
  style: shapeStyles,
  hue: Object.keys(hueFamilies) as HueFamily[],
  medium: media,
  saturation: Object.keys(saturationLevels) as SaturationLevel[],
  detail: Object.keys(detailLevels) as DetailLevel[],
};

/** Values that only "unseen" (OD) users have. */
export const unseenValues: { [K in DemoAttribute]: readonly DemoProfile[K][] } = {
  style: [],
  hue: ["teal", "purple", "pink"],
  medium: ["hatching"],
  saturation: [],
  detail: [],
};

/** The protocol's attribute key for each generator attribute. */
export const attributeKeyOf: Record<DemoAttribute, AttributeKey> = {
  style: "Art Styles",
  hue: "Color",
  medium: "Artistic Medium",
  saturation: "Saturation",
  detail: "Detail",
};

const mediumWords: Record<Medium, string> = {
  flat: "flat vector fills",
  gradient: "soft gradients",
  grainy: "grainy paint",
  pixel: "pixel blocks",
  hatching: "line hatching",
};

const styleWords: Record<ShapeStyle, string> = {
  geometric: "geometric shapes",
  organic: "organic forms",
  striped: "striped bands",
};

/** The ground-truth words for one value, as written into `prefer_attributes`. */
export function describeValue<K extends DemoAttribute>(attribute: K, value: DemoProfile[K]): string {
  switch (attribute) {
    case "style":
      return styleWords[value as ShapeStyle];
    case "hue":
      return `${value} hues`;
    case "medium":
      return mediumWords[value as Medium];
    case "saturation":
      return `${value} saturation`;
    default:
      return `${value} detail`;
  }
}
