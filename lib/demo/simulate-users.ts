import type { AttributeKey } from "@/lib/preferthinker/attributes";
import type { BenchmarkSubset } from "@/lib/preferthinker/benchmark-format";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import {
  attributeKeyOf,
  type DemoAttribute,
  demoAttributeNames,
  type DemoProfile,
  describeValue,
  unseenValues,
  valuesOf,
} from "./demo-attributes";

/**
 * Simulated people, as the paper builds its benchmark: each has a
 * preference and a non-preference profile over the five attributes (MP
 * users two preference profiles), five liked and five disliked reference
 * pictures drawn from those profiles, and a candidate pair whose liked side
 * follows a preference profile and whose other side follows the
 * non-preference profile, each with some attributes drifted at random, so
 * that not every attribute agrees with the label.
 */

export type ImageSpec = { file: string; profile: DemoProfile; seed: number };

export type DemoSample = {
  subset: BenchmarkSubset;
  userId: string;
  preferenceProfiles: DemoProfile[];
  nonPreferenceProfile: DemoProfile;
  preferred: ImageSpec[];
  nonPreferred: ImageSpec[];
  imageA: ImageSpec;
  imageB: ImageSpec;
  label: "Image A" | "Image B";
};

export const demoSubsetSizes: Partial<Record<BenchmarkSubset, number>> = {
  TEST_SP_ID: 60,
  TEST_SP_OD: 60,
  TEST_MP_ID: 40,
  TEST_MP_OD: 40,
};

/** Chance that an attribute of a candidate is redrawn at random instead of following its profile. */
const drift = { liked: 0.4, disliked: 0.45 };

class Draw {
  constructor(readonly random: MersenneTwister) {}
  pick<T>(list: readonly T[]): T {
    return list[this.random.randBelow(list.length)]!;
  }
  chance(probability: number): boolean {
    return this.random.random() < probability;
  }
  seed(): number {
    return this.random.nextUint32();
  }
}

const isSeen = <K extends DemoAttribute>(attribute: K, value: DemoProfile[K]) =>
  !unseenValues[attribute].includes(value);

function drawProfile(
  draw: Draw,
  allowed: <K extends DemoAttribute>(attribute: K, value: DemoProfile[K]) => boolean,
): DemoProfile {
  const pickAllowed = <K extends DemoAttribute>(attribute: K): DemoProfile[K] =>
    draw.pick(valuesOf[attribute].filter((value) => allowed(attribute, value)));
  return {
    style: pickAllowed("style"),
    hue: pickAllowed("hue"),
    medium: pickAllowed("medium"),
    saturation: pickAllowed("saturation"),
    detail: pickAllowed("detail"),
  };
}

/** A profile whose every attribute differs from all of `others`, where the attribute has values to spare. */
function drawOpposite(
  draw: Draw,
  others: DemoProfile[],
  allowed: <K extends DemoAttribute>(attribute: K, value: DemoProfile[K]) => boolean,
): DemoProfile {
  const pickOther = <K extends DemoAttribute>(attribute: K): DemoProfile[K] => {
    const free = valuesOf[attribute].filter(
      (value) => allowed(attribute, value) && !others.some((other) => other[attribute] === value),
    );
    return draw.pick(
      free.length ? free : valuesOf[attribute].filter((value) => !others.some((other) => other[attribute] === value)),
    );
  };
  return {
    style: pickOther("style"),
    hue: pickOther("hue"),
    medium: pickOther("medium"),
    saturation: pickOther("saturation"),
    detail: pickOther("detail"),
  };
}

function drifted(draw: Draw, profile: DemoProfile, probability: number): DemoProfile {
  const result = { ...profile };
  for (const attribute of demoAttributeNames) {
    if (draw.chance(probability)) (result as Record<DemoAttribute, string>)[attribute] = draw.pick(valuesOf[attribute]);
  }
  return result;
}

const hasUnseen = (profile: DemoProfile) =>
  demoAttributeNames.some((attribute) => !isSeen(attribute, profile[attribute]));

function simulateUser(draw: Draw, subset: BenchmarkSubset, index: number): DemoSample {
  const isMulti = subset.includes("_MP_");
  const isUnseen = subset.endsWith("_OD");
  const seenOnly = <K extends DemoAttribute>(attribute: K, value: DemoProfile[K]) => isSeen(attribute, value);
  const anything = () => true;
  let preferenceProfiles: DemoProfile[];
  let nonPreferenceProfile: DemoProfile;
  // OD users hold at least one value that no ID user has; ID users hold none.
  do {
    const allowed = isUnseen ? anything : seenOnly;
    const first = drawProfile(draw, allowed);
    preferenceProfiles = isMulti ? [first, drawOpposite(draw, [first], allowed)] : [first];
    if (isMulti) {
      // The second look shares two or three attributes with the first.
      for (const attribute of demoAttributeNames)
        if (draw.chance(0.5)) (preferenceProfiles[1] as Record<DemoAttribute, string>)[attribute] = first[attribute];
    }
    nonPreferenceProfile = drawOpposite(draw, preferenceProfiles, allowed);
  } while (isUnseen !== [...preferenceProfiles, nonPreferenceProfile].some(hasUnseen));

  const prefix = `${subset}/${String(index).padStart(3, "0")}`;
  const spec = (name: string, profile: DemoProfile): ImageSpec => ({
    file: `${prefix}_${name}.jpg`,
    profile,
    seed: draw.seed(),
  });
  const preferred = Array.from({ length: 5 }, (_, n) =>
    spec(`liked_${n + 1}`, preferenceProfiles[isMulti && n % 2 === 1 ? 1 : 0]!),
  );
  const nonPreferred = Array.from({ length: 5 }, (_, n) => spec(`disliked_${n + 1}`, nonPreferenceProfile));
  const likedCandidate = spec("candidate_liked", drifted(draw, draw.pick(preferenceProfiles), drift.liked));
  const otherCandidate = spec("candidate_other", drifted(draw, nonPreferenceProfile, drift.disliked));
  const likedIsA = draw.chance(0.5);
  return {
    subset,
    userId: `${subset.toLowerCase()}-${String(index).padStart(3, "0")}`,
    preferenceProfiles,
    nonPreferenceProfile,
    preferred,
    nonPreferred,
    imageA: likedIsA ? likedCandidate : otherCandidate,
    imageB: likedIsA ? otherCandidate : likedCandidate,
    label: likedIsA ? "Image A" : "Image B",
  };
}

/** Every demo sample, the same for the same seed. */
export function simulateDemoSamples(seed: number, sizes = demoSubsetSizes): DemoSample[] {
  const draw = new Draw(new MersenneTwister(seed));
  return Object.entries(sizes).flatMap(([subset, count]) =>
    Array.from({ length: count }, (_, index) => simulateUser(draw, subset as BenchmarkSubset, index)),
  );
}

/** Ground-truth profile words keyed by the protocol's attribute keys; an MP user's looks are joined with " or ". */
export function describeProfiles(profiles: DemoProfile[]): Record<AttributeKey, string> {
  return Object.fromEntries(
    demoAttributeNames.map((attribute) => {
      const words = [...new Set(profiles.map((profile) => describeValue(attribute, profile[attribute])))];
      return [attributeKeyOf[attribute], words.join(" or ")];
    }),
  ) as Record<AttributeKey, string>;
}
