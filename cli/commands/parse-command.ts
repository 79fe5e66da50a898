import { parseArgs } from "node:util";
import { isLenientCorrect, isStrictCorrect } from "../../lib/preferthinker/official";
import { parseAssessment } from "../../lib/preferthinker/stream-parser";
import type { AssessmentMode } from "../../lib/preferthinker/types";
import { readText } from "../read-input";

export const parseUsage = 'preferthinker parse <file|-> [--label "Image A"] [--mode reasoning|fast|single]';

export function readMode(value: string | undefined): AssessmentMode {
  if (value === undefined) return "reasoning";
  if (value === "reasoning" || value === "fast" || value === "single") return value;
  throw new Error(`--mode must be reasoning, fast or single, not ${value}`);
}

/** Reads one model output and prints its reading as one JSON object. */
export function runParse(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { label: { type: "string" }, mode: { type: "string" } },
  });
  if (positionals.length !== 1) throw new Error(`give one file (or - for standard input): ${parseUsage}`);
  const mode = readMode(values.mode);
  const text = readText(positionals[0]!);
  const assessment = parseAssessment(text, mode);
  const output = {
    answer: assessment.answer,
    formatValid: assessment.formatValid,
    profiles: assessment.profiles,
    scores: assessment.scores,
    rationales: assessment.rationales,
    statedTotals: { A: assessment.statedTotals.A?.stated ?? null, B: assessment.statedTotals.B?.stated ?? null },
    computedTotals: assessment.computedTotals,
    issues: assessment.issues.map((issue) => issue.code),
    issueMessages: assessment.issues.map((issue) => issue.message),
    ...(values.label !== undefined
      ? { strictCorrect: isStrictCorrect(text, values.label), lenientCorrect: isLenientCorrect(text, values.label) }
      : {}),
  };
  console.log(JSON.stringify(output, null, 2));
}
