import type { AttributeKey } from "@/lib/preferthinker/attributes";
import { attributeKeyOf, type DemoAttribute, demoAttributeNames, describeValue, valuesOf } from "./demo-attributes";

/**
 * Whether a predicted profile names the family the demo generator used, per
 * attribute. The baseline's vocabulary is its own; this table says which of
 * its words stand for which generator value. A hedge ("no clear
 * preference") never matches.
 */

const baselineWords: Record<DemoAttribute, Record<string, string>> = {
  style: { stripes: "striped", "straight-edged geometry": "geometric", "rounded organic shapes": "organic" },
  hue: Object.fromEntries(valuesOf.hue.map((hue) => [hue, hue])),
  medium: {
    "flat fills": "flat",
    "smooth gradients": "gradient",
    "grainy texture": "grainy",
    "blocky pixels": "pixel",
    "hatched lines": "hatching",
  },
  saturation: { muted: "muted", "moderately saturated": "moderate", vivid: "vivid" },
  detail: { sparse: "minimal", "moderately busy": "moderate", dense: "intricate" },
};

const familiesIn = (text: string, words: Record<string, string>): Set<string> => {
  const lower = text.toLowerCase();
  return new Set(
    Object.entries(words)
      .filter(([word]) => new RegExp(`\\b${word}\\b`).test(lower))
      .map(([, family]) => family),
  );
};

/** Generator values named by ground-truth text such as "blue hues or teal hues". */
function truthFamilies(attribute: DemoAttribute, text: string): Set<string> {
  const words = Object.fromEntries(
    valuesOf[attribute].map((value) => [describeValue(attribute, value as never).toLowerCase(), String(value)]),
  );
  return familiesIn(text, words);
}

export type ProfileMatch = Record<AttributeKey, boolean | null>;

/** Per attribute: does the prediction name one of the true families (null: no ground truth for it). */
export function matchProfile(
  predicted: Partial<Record<AttributeKey, string>>,
  truth: Partial<Record<string, string>>,
): ProfileMatch {
  return Object.fromEntries(
    demoAttributeNames.map((attribute) => {
      const key = attributeKeyOf[attribute];
      const expected = truth[key];
      if (expected === undefined) return [key, null];
      const said = predicted[key] ?? "";
      if (/no clear preference/i.test(said)) return [key, false];
      const named = familiesIn(said, baselineWords[attribute]);
      const wanted = truthFamilies(attribute, expected);
      return [key, [...named].some((family) => wanted.has(family))];
    }),
  ) as ProfileMatch;
}
