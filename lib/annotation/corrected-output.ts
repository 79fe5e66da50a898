import { attributeKeys, attributes } from "@/lib/preferthinker/attributes";
import type { ImageLabel, ParsedAssessment, Profile } from "@/lib/preferthinker/types";
import type { AnnotationBody } from "./annotation-contract";

/**
 * A model output with an annotator's corrections applied, written back in
 * the protocol's layout (PROTOCOL.md §3): corrected profile terms, corrected
 * scores and rewritten rationales, totals recomputed from the scores, and
 * the answer named by the higher total. Used for fine-tuning exports, where
 * the text must be consistent with itself.
 */

const quote = (value: string) => value.replace(/\s+/g, " ").replaceAll('"', "'").trim();

function profileLines(profile: Profile): string[] {
  return attributeKeys.map((key) => `"${key}": "${quote(profile[key] ?? "")}"`);
}

function correctProfile(profile: Profile, entries: AnnotationBody["profile"]["preference"]): Profile {
  const corrected: Profile = { ...profile };
  attributeKeys.forEach((key, index) => {
    const correction = entries[index]?.correction;
    if (correction) corrected[key] = correction;
  });
  return corrected;
}

function profileBlock(tag: string, profiles: Profile[]): string {
  const body =
    profiles.length > 1
      ? profiles.flatMap((profile, index) => [`Profile ${index + 1}:`, profileLines(profile).join(",\n")])
      : [profileLines(profiles[0] ?? {}).join(",\n")];
  return `<${tag}>\n${body.join("\n")}\n</${tag}>`;
}

/** Final scores and rationales per candidate after corrections; null where neither the model nor the annotator gave one. */
export function correctedScores(parsed: ParsedAssessment, body: Pick<AnnotationBody, "scores">) {
  const of = (image: ImageLabel) =>
    attributeKeys.map((_, index) => {
      const entry = body.scores[image][index];
      return {
        score: entry?.corrected ?? parsed.scores[image][index] ?? null,
        rationale: entry?.rationale ?? parsed.rationales[image][index] ?? "",
      };
    });
  return { A: of("A"), B: of("B") };
}

/** The corrected text of a reasoning-mode output. */
export function writeCorrectedOutput(
  parsed: ParsedAssessment,
  body: Pick<AnnotationBody, "profile" | "scores">,
): string {
  const preference = (parsed.profiles.preference.length ? parsed.profiles.preference : [{}]).map((profile, index) =>
    index === 0 ? correctProfile(profile, body.profile.preference) : profile,
  );
  const nonPreference = correctProfile(parsed.profiles.nonPreference.at(-1) ?? {}, body.profile.nonPreference);
  const scores = correctedScores(parsed, body);
  const sections = attributes.map((attribute, index) => {
    const lines = (["A", "B"] as const).map((image) => {
      const cell = scores[image][index]!;
      return `Image ${image}(${cell.score ?? "?"}) - ${cell.rationale.replace(/\s+/g, " ").replace(/;\s*$/, "").trim()}`;
    });
    return `${index + 1}. ${attribute.heading}:\n${lines.join(";\n")}`;
  });
  const totalOf = (image: ImageLabel) => scores[image].reduce((sum, cell) => sum + (cell.score ?? 0), 0);
  const totals = (["A", "B"] as const).map(
    (image) =>
      `Image ${image}: total_score=${scores[image].map((cell) => cell.score ?? 0).join("+")}=${totalOf(image)}`,
  );
  const a = totalOf("A");
  const b = totalOf("B");
  // Equal totals decide nothing; the model's own answer stands then.
  const answer = a === b ? (parsed.answer ?? "Image A") : a > b ? "Image A" : "Image B";
  return [
    profileBlock("visual preference profile", preference),
    profileBlock("visual non-preference profile", [nonPreference]),
    `<think>\n${sections.join("\n\n")}\n\nTotal:\n${totals.join("\n")}\n</think>`,
    `<answer>${answer}</answer>`,
  ].join("\n\n");
}
