import { z } from "zod";
import type { ResultRowJson } from "./benchmark-contract";

/**
 * The failure browser's filters, as its address holds them, and the filter
 * itself. Everything but the text search runs in the browser over the
 * compact rows already loaded, so a change shows at once; the text search
 * asks the server which outputs contain the text.
 */

export const issueCodeFilter = z.string().regex(/^[a-z-]+$/);

export const resultFiltersSchema = z.object({
  runs: z.array(z.string().regex(/^[0-9a-f-]{36}$/i)).max(20),
  subset: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  outcome: z.enum(["right", "wrong"]).optional(),
  label: z.enum(["A", "B"]).optional(),
  answer: z.enum(["A", "B", "other", "none"]).optional(),
  /** "any": with at least one issue; "none": without; else one issue code. */
  issue: z.union([z.enum(["any", "none"]), issueCodeFilter]).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** DreamSim's vote against the model's answer: "disagree", "agree", or "unvoted" (no vote stored). */
  dreamsim: z.enum(["disagree", "agree", "unvoted"]).optional(),
  /** Swap runs: "inconsistent" (the answer followed the position, or one order gave none) or "consistent". */
  swap: z.enum(["inconsistent", "consistent"]).optional(),
  /** The result open in the sample view. */
  result: z
    .string()
    .regex(/^[0-9a-f-]{36}$/i)
    .optional(),
});
export type ResultFilters = z.infer<typeof resultFiltersSchema>;

const singleKeys = ["subset", "outcome", "label", "answer", "issue", "dreamsim", "swap", "q", "result"] as const;

/** The filters in an address; a value that does not fit is dropped, not an error, so an old link still opens. */
export function readResultFilters(params: URLSearchParams): ResultFilters {
  const filters: ResultFilters = { runs: [] };
  const runs = resultFiltersSchema.shape.runs.safeParse((params.get("runs") ?? "").split(",").filter(Boolean));
  if (runs.success) filters.runs = runs.data;
  for (const key of singleKeys) {
    const parsed = resultFiltersSchema.shape[key].safeParse(params.get(key) ?? undefined);
    if (parsed.success && parsed.data !== undefined) Object.assign(filters, { [key]: parsed.data });
  }
  return filters;
}

/** The address's query for some filters, in a stable order. */
export function toResultFilterQuery(filters: ResultFilters): string {
  const params = new URLSearchParams();
  if (filters.runs.length > 0) params.set("runs", filters.runs.join(","));
  for (const key of singleKeys) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  // Commas in the run list read better unescaped, and mean nothing else here.
  return params.toString().replace(/%2C/g, ",");
}

/** Whether DreamSim's vote names the model's answer; null for a tie, no answer, or no vote. */
export function dreamsimAgreement(row: Pick<ResultRowJson, "dreamsimVote" | "answer">): boolean | null {
  const answer = row.answer?.trim();
  if (!row.dreamsimVote || row.dreamsimVote === "tie" || (answer !== "Image A" && answer !== "Image B")) return null;
  return row.dreamsimVote === answer;
}

/** A row as the browser lists it: which run and subset it belongs to. */
export type BrowsedResult = ResultRowJson & {
  runId: string;
  subset: string;
  model: string;
  /** The row's run assessed its samples in both orders. */
  swapRun: boolean;
};

/** "Image A" → "A"; anything that is not exactly one of the two → "other"; no answer → "none". */
export function answerLetter(answer: string | null): "A" | "B" | "other" | "none" {
  if (answer === null) return "none";
  return answer === "Image A" ? "A" : answer === "Image B" ? "B" : "other";
}

export function labelLetter(label: string): "A" | "B" | null {
  return label === "Image A" ? "A" : label === "Image B" ? "B" : null;
}

/**
 * The rows that pass every filter, in their order. `matching` is the set of
 * result ids whose output holds the searched text (null: no search, or its
 * answer has not come yet, in which case nothing is hidden for it).
 */
export function filterResults(
  rows: readonly BrowsedResult[],
  filters: ResultFilters,
  matching: ReadonlySet<string> | null,
): BrowsedResult[] {
  const { subset, outcome, label, answer, issue, dreamsim, swap } = filters;
  return rows.filter(
    (row) =>
      (!subset || row.subset === subset) &&
      (!outcome || row.strictCorrect === (outcome === "right")) &&
      (!label || labelLetter(row.label) === label) &&
      (!answer || answerLetter(row.answer) === answer) &&
      (!issue ||
        (issue === "any"
          ? row.issueCodes.length > 0
          : issue === "none"
            ? row.issueCodes.length === 0
            : row.issueCodes.includes(issue))) &&
      (!dreamsim ||
        (dreamsim === "unvoted" ? row.dreamsimVote === null : dreamsimAgreement(row) === (dreamsim === "agree"))) &&
      // Only a swap run's results are consistent or not under swap; another run's are neither.
      (!swap || (row.swapRun && (swap === "consistent" ? row.swapConsistent === true : row.swapConsistent !== true))) &&
      (!matching || matching.has(row.id)),
  );
}

/** How often each issue code occurs among rows (once per row), most frequent first. */
export function countIssueCodes(rows: readonly BrowsedResult[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const code of new Set(row.issueCodes)) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
