import { basename } from "node:path";
import { parseArgs } from "node:util";
import { findSubset } from "../../lib/preferthinker/benchmark-format";
import { computeMetrics, type Proportion, type ScoredSample } from "../../lib/preferthinker/metrics";
import { isLenientCorrect, isStrictCorrect } from "../../lib/preferthinker/official";
import { readResultsFile } from "../../lib/preferthinker/results-format";
import { parseAssessment } from "../../lib/preferthinker/stream-parser";
import { readBenchmarkFile } from "../read-benchmark";
import { readJson } from "../read-input";

export const scoreUsage = "preferthinker score --data <bench.json> --results <rec_results.json> [--json]";

type Summary = {
  subset: string | null;
  n: number;
  strict: Proportion;
  lenient: Proportion;
  formatValid: Proportion;
  official: { accuracy: number; rowsWhoseCorrectDiffers: number[] };
  labelDisagreements: number[];
  issueCounts: Record<string, number>;
};

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const describe = (proportion: Proportion) =>
  `${percent(proportion.value)} (95% CI ${percent(proportion.low)}-${percent(proportion.high)}; ${proportion.successes}/${proportion.n})`;

/** Scores an official results file against its benchmark file with our readers. */
export function runScore(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { data: { type: "string" }, results: { type: "string" }, json: { type: "boolean" } },
  });
  if (!values.data || !values.results) throw new Error(`--data and --results are required: ${scoreUsage}`);
  const { samples, rejected } = readBenchmarkFile(values.data);
  if (rejected.length > 0) {
    const first = rejected[0]!;
    throw new Error(
      `${values.data} has ${rejected.length} unusable sample(s); first: sample ${first.index}: ${first.field}: ${first.reason}`,
    );
  }
  const results = readResultsFile(readJson(values.results));
  const byPair = new Map<string, (typeof samples)[number][]>();
  for (const sample of samples)
    byPair.set(`${sample.imageA}\0${sample.imageB}`, [
      ...(byPair.get(`${sample.imageA}\0${sample.imageB}`) ?? []),
      sample,
    ]);

  const subset = findSubset(basename(values.data)) ?? findSubset(basename(values.results));
  const scored: ScoredSample[] = [];
  const rowsWhoseCorrectDiffers: number[] = [];
  const labelDisagreements: number[] = [];
  results.results.forEach((row, index) => {
    const sample = byPair.get(`${row.imageA}\0${row.imageB}`)?.shift();
    if (!sample)
      throw new Error(`results row ${index} (${row.imageA}, ${row.imageB}) matches no sample of ${values.data}`);
    if (row.ground_truth !== sample.label) labelDisagreements.push(index);
    const strictCorrect = isStrictCorrect(row.model_output, sample.label);
    if (Number(strictCorrect) !== row.correct) rowsWhoseCorrectDiffers.push(index);
    const assessment = parseAssessment(row.model_output);
    scored.push({
      subset: subset ?? "TEST_SP_ID",
      strictCorrect,
      lenientCorrect: isLenientCorrect(row.model_output, sample.label),
      formatValid: assessment.formatValid,
      issues: assessment.issues.map((issue) => issue.code),
    });
  });
  const table = computeMetrics(scored);
  const column = table.columns.find((candidate) => candidate.strict.n > 0) ?? table.columns[0]!;
  const summary: Summary = {
    subset,
    n: scored.length,
    strict: column.strict,
    lenient: column.lenient,
    formatValid: column.formatValid,
    official: { accuracy: results.accuracy, rowsWhoseCorrectDiffers },
    labelDisagreements,
    issueCounts: table.issueCounts as Record<string, number>,
  };
  if (values.json) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  const lines = [
    `${subset ?? "subset unknown"}: ${summary.n} samples`,
    `strict accuracy   ${describe(summary.strict)}`,
    `lenient accuracy  ${describe(summary.lenient)}`,
    `format valid      ${describe(summary.formatValid)}`,
    `official file     accuracy ${summary.official.accuracy.toFixed(1)}%; its "correct" differs from ours in ${rowsWhoseCorrectDiffers.length} row(s)`,
    ...(labelDisagreements.length
      ? [`ground_truth differs from the data file's label in ${labelDisagreements.length} row(s)`]
      : []),
    `issues            ${
      Object.entries(summary.issueCounts)
        .map(([code, count]) => `${code} ${count}`)
        .join(", ") || "none"
    }`,
  ];
  console.log(lines.join("\n"));
}
