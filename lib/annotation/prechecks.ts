import { readStrictAnswer } from "@/lib/preferthinker/official";
import { parseAssessment } from "@/lib/preferthinker/stream-parser";
import type { Issue, ParsedAssessment } from "@/lib/preferthinker/types";

/**
 * The automatic checks attached to each annotation item: the protocol
 * library's consistency issues (format, scores, totals, answer against
 * totals) and, where the right answer is known, the answer against it.
 */

export type Precheck = { code: string; message: string };

export function runPrechecks(
  output: string,
  label: string | null,
): { parsed: ParsedAssessment; prechecks: Precheck[] } {
  const parsed = parseAssessment(output, "reasoning");
  const prechecks: Precheck[] = parsed.issues.map((issue: Issue) => ({ code: issue.code, message: issue.message }));
  const answer = readStrictAnswer(output);
  if (label !== null && answer !== null && answer !== label) {
    prechecks.push({
      code: "answer-contradicts-label",
      message: `The answer is ${answer}, but the known preference is ${label}.`,
    });
  }
  return { parsed, prechecks };
}
