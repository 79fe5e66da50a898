import { type AttributeKey, attributeKeys } from "./attributes";
import { flattenProfile, tags } from "./official";

/**
 * A person's profile in the forms the product hands on: the profile block
 * the model writes, its flattened form (as the results files and the
 * training code use it), the personalised text-to-image prompt the paper's
 * training code builds (the original prompt followed by the flattened
 * profile), and a word-level comparison of two profiles.
 */

export type ProfileTexts = Partial<Record<AttributeKey, string>>;

/** The profile as the model writes it inside its block: one `"Key": "value"` line per attribute given. */
export function writeProfileBlock(
  profile: ProfileTexts,
  tag: typeof tags.preference | typeof tags.nonPreference = tags.preference,
): string {
  const lines = attributeKeys
    .filter((key) => profile[key])
    .map((key) => `"${key}": "${profile[key]!.replaceAll('"', "'")}"`);
  return `<${tag}>\n${lines.join(",\n")}\n</${tag}>`;
}

/** The flattened form of a profile (as in the official results files): folded, quotes removed, one line. */
export function flattenProfileTexts(profile: ProfileTexts): string {
  return flattenProfile(writeProfileBlock(profile), tags.preference);
}

/** The personalised prompt: the person's own prompt followed by the flattened profile. */
export function buildPersonalisedPrompt(prompt: string, flattenedProfile: string): string {
  return [prompt.trim(), flattenedProfile.trim()].filter(Boolean).join(" ");
}

const stopWords = new Set([
  "a",
  "an",
  "and",
  "or",
  "the",
  "of",
  "with",
  "in",
  "on",
  "to",
  "for",
  "no",
  "not",
  "very",
  "toward",
  "towards",
  "leaning",
  "mostly",
  "clear",
  "preference",
  "references",
  "overlap",
]);
const contentWords = (text: string) =>
  new Set(
    (text.toLowerCase().match(/[a-z]+/g) ?? [])
      .filter((word) => word.length > 2 && !stopWords.has(word))
      .map((word) => word.replace(/s$/, "")),
  );

export type ProfileAgreement = "shared-words" | "differs" | "only-predicted" | "only-stated" | "neither";

/** Per attribute: whether a predicted and a stated description share a content word, differ, or only one exists. */
export function compareProfileTexts(
  predicted: ProfileTexts,
  stated: ProfileTexts,
): Record<AttributeKey, ProfileAgreement> {
  return Object.fromEntries(
    attributeKeys.map((key) => {
      const [said, meant] = [predicted[key]?.trim(), stated[key]?.trim()];
      if (!said && !meant) return [key, "neither"];
      if (!meant) return [key, "only-predicted"];
      if (!said) return [key, "only-stated"];
      const words = contentWords(said);
      return [key, [...contentWords(meant)].some((word) => words.has(word)) ? "shared-words" : "differs"];
    }),
  ) as Record<AttributeKey, ProfileAgreement>;
}
