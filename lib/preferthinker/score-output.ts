import { isLenientCorrect, isStrictCorrect } from "./official";
import { parseAssessment } from "./stream-parser";
import type { AssessmentMode, IssueCode, ParsedAssessment } from "./types";

/** One benchmark answer read every way the product reports it. */
export type ScoredOutput = {
  parsed: ParsedAssessment;
  strictCorrect: boolean;
  lenientCorrect: boolean;
  formatValid: boolean;
  issueCodes: IssueCode[];
};

/** Reads a model's output against a sample's label: strict and lenient accuracy, format validity, consistency issues. */
export function scoreOutput(
  output: string,
  label: string,
  mode: Exclude<AssessmentMode, "single"> = "reasoning",
): ScoredOutput {
  const parsed = parseAssessment(output, mode);
  return {
    parsed,
    strictCorrect: isStrictCorrect(output, label),
    lenientCorrect: isLenientCorrect(output, label),
    formatValid: parsed.formatValid,
    issueCodes: parsed.issues.map((issue) => issue.code),
  };
}
