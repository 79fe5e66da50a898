import "server-only";
import { attributeKeys, attributes } from "@/lib/preferthinker/attributes";
import type { AssessmentMode } from "@/lib/preferthinker/types";
import type { BaselineVerdict } from "./assess-by-features";

/**
 * The baseline's verdict in exactly the text format PreferThinker writes
 * (PROTOCOL.md §3), so the same parser, checks and views serve both:
 * reasoning mode writes all four blocks, single mode the profiles and one
 * candidate's scores, fast mode the answer alone.
 */

const profileBlock = (tag: string, profile: Record<string, string>) =>
  `<${tag}>\n${attributeKeys.map((key) => `"${key}": "${profile[key]!.replaceAll('"', "'")}"`).join(",\n")}\n</${tag}>`;

function thinkBlock(verdict: BaselineVerdict): string {
  const labels = verdict.candidates.length === 2 ? ["Image A", "Image B"] : ["Image A"];
  const sections = attributes.map((attribute, index) => {
    const lines = verdict.candidates.map(
      (candidate, which) =>
        `${labels[which]}(${candidate.scores[index]}) - ${candidate.rationales[index]!.replace(/\s+/g, " ")}`,
    );
    return `${index + 1}. ${attribute.heading}:\n${lines.join(";\n")}`;
  });
  const totals = verdict.candidates.map(
    (candidate, which) =>
      `${labels[which]}: total_score=${candidate.scores.join("+")}=${candidate.scores.reduce((sum, value) => sum + value, 0)}`,
  );
  return `<think>\n${sections.join("\n\n")}\n\nTotal:\n${totals.join("\n")}\n</think>`;
}

export function writePreferThinkerText(verdict: BaselineVerdict, mode: AssessmentMode): string {
  if (mode === "fast") return `<answer>${verdict.answer}</answer>`;
  const profiles = `${profileBlock("visual preference profile", verdict.profiles.preference)}\n\n${profileBlock("visual non-preference profile", verdict.profiles.nonPreference)}`;
  if (mode === "single") return `${profiles}\n\n${thinkBlock(verdict)}`;
  return `${profiles}\n\n${thinkBlock(verdict)}\n\n<answer>${verdict.answer}</answer>`;
}
