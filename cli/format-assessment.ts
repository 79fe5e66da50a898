import { attributes } from "../lib/preferthinker/attributes";
import type { ImageLabel, ParsedAssessment, Profile } from "../lib/preferthinker/types";

/**
 * The reading of one assessment as a plain-text table for a terminal of
 * `width` columns: both profiles, each candidate's scores with its rationale
 * cut to fit, the stated totals beside the sums of the scores, the answer
 * and every consistency issue.
 */

const labelWidth = Math.max(...attributes.map((attribute) => attribute.heading.length)) + 2;

/** `text` on one line, at most `width` characters, ending in an ellipsis when cut. */
function fit(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (width < 1) return "";
  return flat.length <= width ? flat : `${flat.slice(0, width - 1).trimEnd()}…`;
}

function profileLines(title: string, profiles: Profile[], width: number): string[] {
  if (profiles.length === 0) return [`${title}: none`];
  return profiles.flatMap((profile, index) => [
    profiles.length > 1 ? `${title} ${index + 1}` : title,
    ...attributes.map(({ key }) => `  ${key.padEnd(labelWidth)}${fit(profile[key] ?? "-", width - labelWidth - 2)}`),
  ]);
}

function scoreLines(assessment: ParsedAssessment, width: number): string[] {
  const images: ImageLabel[] = assessment.mode === "single" ? ["A"] : ["A", "B"];
  // Each image gets a column: its score (3 wide) and its rationale, split evenly after the labels.
  const column = Math.max(12, Math.floor((width - labelWidth - 2) / images.length));
  const cell = (value: string, rationale: string) =>
    `${value.padStart(2)} ${fit(rationale, column - 5).padEnd(column - 3)}`;
  const row = (label: string, cells: string[]) => `  ${label.padEnd(labelWidth)}${cells.join("").trimEnd()}`;
  const show = (value: number | null | undefined) => (value === null || value === undefined ? "-" : String(value));
  return [
    row(
      "",
      images.map((image) => `Image ${image}`.padEnd(column)),
    ),
    ...attributes.map((attribute, index) =>
      row(
        attribute.heading,
        images.map((image) => cell(show(assessment.scores[image][index]), assessment.rationales[image][index] ?? "")),
      ),
    ),
    row(
      "Total stated",
      images.map((image) => cell(show(assessment.statedTotals[image]?.stated), "")),
    ),
    row(
      "Sum of scores",
      images.map((image) => cell(show(assessment.computedTotals[image]), "")),
    ),
  ];
}

function answerLine(assessment: ParsedAssessment): string {
  if (assessment.mode === "single") return "Answer: none asked (single mode scores one candidate)";
  return `Answer: ${assessment.answer ?? "none (no complete answer block)"}`;
}

function issueLines(assessment: ParsedAssessment): string[] {
  if (assessment.issues.length === 0) return ["Issues: no issues"];
  return [
    `Issues: ${assessment.issues.length}`,
    ...assessment.issues.map((issue) => `  - ${issue.code}: ${issue.message}`),
  ];
}

export function formatAssessment(assessment: ParsedAssessment, width: number): string {
  const sections =
    assessment.mode === "fast"
      ? [[answerLine(assessment)], issueLines(assessment)]
      : [
          profileLines("Preference profile", assessment.profiles.preference, width),
          profileLines("Non-preference profile", assessment.profiles.nonPreference, width),
          scoreLines(assessment, width),
          [answerLine(assessment)],
          issueLines(assessment),
        ];
  return sections.map((lines) => lines.join("\n")).join("\n\n");
}
