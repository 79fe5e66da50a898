import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { getConfig } from "../../lib/config";
import { matchProfile } from "../../lib/demo/profile-match";
import { attributeKeys } from "../../lib/preferthinker/attributes";
import { type BenchmarkSubset, benchmarkSubsets } from "../../lib/preferthinker/benchmark-format";
import { wilsonInterval } from "../../lib/preferthinker/metrics";
import { type ResultRow, toResultRow, toResultsFile } from "../../lib/preferthinker/results-format";
import {
  assessBenchmark,
  type BenchmarkSource,
  fileSource,
  findBenchmarkSubsets,
  folderSources,
} from "../../lib/server/benchmarks/assess-benchmark-folder";
import { getPromptTemplate } from "../../lib/server/load-prompt-template";
import { chooseProvider } from "../choose-provider";

export const evalUsage =
  "preferthinker eval [--benchmark <folder> [--subset TEST_SP_ID,...] | --data <bench.json> --images <dir>] [--baseline | --endpoint URL --model NAME] [--mode reasoning|fast] [--concurrency N] [--history 5] [--limit N] [--out <results.json or folder>] [--json]";

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

type Tally = {
  n: number;
  correct: number;
  formatValid: number;
  withIssues: number;
  issueCounts: Record<string, number>;
  profile: Record<string, { matched: number; of: number }>;
  milliseconds: number;
  rows: { order: number; row: ResultRow }[];
};

const wholeNumber = (
  value: string | undefined,
  name: string,
  fallback: number | undefined,
  min = 1,
): number | undefined => {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new Error(`--${name} must be a whole number, at least ${min}`);
  return number;
};

/** Where the outcomes come from: a PreferImg-Bench folder (some of its subsets), or one data file and its pictures. */
function chooseSources(values: { benchmark?: string; subset?: string; data?: string; images?: string }): {
  sources: BenchmarkSource[];
  described: string;
} {
  if (values.data || values.images) {
    if (!values.data || !values.images)
      throw new Error(
        "--data and --images go together: the benchmark file and the folder its image paths are relative to",
      );
    if (values.benchmark) throw new Error("give --benchmark <folder>, or --data and --images, not both");
    return { sources: [fileSource(resolve(values.data), resolve(values.images))], described: resolve(values.data) };
  }
  const folder = resolve(values.benchmark ?? getConfig().demo.folder);
  const present = findBenchmarkSubsets(folder);
  const wanted = values.subset ? values.subset.split(",").map((name) => name.trim().toUpperCase()) : present;
  const unknown = wanted.filter((name) => !present.includes(name as BenchmarkSubset));
  if (unknown.length)
    throw new Error(
      `${folder} has no subset ${unknown.join(", ")}; it has ${present.join(", ") || "none"} (known: ${benchmarkSubsets.join(", ")})`,
    );
  return { sources: folderSources(folder, wanted as BenchmarkSubset[]), described: folder };
}

/** A one-line progress bar on a terminal; nothing when the output goes elsewhere. */
function progressBar(label: string, total: number) {
  const started = performance.now();
  return (done: number) => {
    if (!process.stderr.isTTY) return;
    const width = 24;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const rate = (done * 1000) / Math.max(1, performance.now() - started);
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    process.stderr.write(
      `\r${label.padEnd(14)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}  ${rate.toFixed(1)} samples/s  ETA ${eta} s  `,
    );
    if (done === total) process.stderr.write("\n");
  };
}

/**
 * Runs an assessor (the baseline, or a model server) over a benchmark in the
 * official order and prints, per subset: strict accuracy with its 95%
 * interval, format validity, consistency issues and, where samples carry
 * ground-truth profiles, how often the predicted profile names the true
 * family per attribute. `--out` writes the official results format.
 */
export async function runEval(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      benchmark: { type: "string" },
      subset: { type: "string" },
      data: { type: "string" },
      images: { type: "string" },
      baseline: { type: "boolean" },
      endpoint: { type: "string" },
      model: { type: "string" },
      mode: { type: "string", default: "reasoning" },
      concurrency: { type: "string" },
      history: { type: "string" },
      limit: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (values.baseline && values.endpoint) throw new Error("--baseline and --endpoint exclude each other");
  if (values.mode !== "reasoning" && values.mode !== "fast")
    throw new Error(`--mode must be reasoning or fast, got ${JSON.stringify(values.mode)}`);
  const { sources, described } = chooseSources(values);
  const outFile = values.out?.endsWith(".json") ? resolve(values.out) : null;
  if (outFile && sources.length > 1)
    throw new Error(
      `--out ${values.out} names one file, but ${sources.length} subsets are evaluated: give a folder, or one --subset`,
    );
  const provider = chooseProvider(values.baseline ? undefined : values.endpoint, values.model);
  const tallies = new Map<BenchmarkSource, Tally>();
  const bars = new Map<BenchmarkSource, (done: number) => void>();
  const outcomes = assessBenchmark({
    sources,
    provider,
    template: getPromptTemplate(getConfig().promptTemplate),
    mode: values.mode,
    limit: wholeNumber(values.limit, "limit", undefined),
    history: wholeNumber(values.history, "history", 5),
    concurrency: wholeNumber(values.concurrency, "concurrency", 2),
    onSource: (source, total) => bars.set(source, values.json ? () => {} : progressBar(source.label, total)),
  });
  for await (const outcome of outcomes) {
    let tally = tallies.get(outcome.source);
    if (!tally) {
      tally = {
        n: 0,
        correct: 0,
        formatValid: 0,
        withIssues: 0,
        issueCounts: {},
        profile: {},
        milliseconds: 0,
        rows: [],
      };
      tallies.set(outcome.source, tally);
    }
    tally.n++;
    tally.correct += Number(outcome.strictCorrect);
    tally.formatValid += Number(outcome.parsed.formatValid);
    tally.withIssues += Number(outcome.parsed.issues.length > 0);
    tally.milliseconds += outcome.milliseconds;
    for (const issue of outcome.parsed.issues) tally.issueCounts[issue.code] = (tally.issueCounts[issue.code] ?? 0) + 1;
    if (outcome.sample.prefer_attributes && outcome.parsed.profiles.preference[0]) {
      const matches = matchProfile(
        outcome.parsed.profiles.preference[0],
        outcome.sample.prefer_attributes as Record<string, string>,
      );
      for (const key of attributeKeys) {
        if (matches[key] === null) continue;
        const entry = (tally.profile[key] ??= { matched: 0, of: 0 });
        entry.of++;
        entry.matched += Number(matches[key]);
      }
    }
    tally.rows.push({
      order: outcome.order,
      row: toResultRow(
        { imageA: outcome.sample.imageA, imageB: outcome.sample.imageB, question: "", label: outcome.sample.label },
        outcome.output,
      ),
    });
    bars.get(outcome.source)?.(tally.n);
  }
  // The official tooling writes its rows in the official order; so do we, whatever order they finished in.
  const resultsOf = (tally: Tally) =>
    toResultsFile([...tally.rows].sort((a, b) => a.order - b.order).map((entry) => entry.row));
  if (outFile) {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify(resultsOf([...tallies.values()][0]!), null, 1) + "\n");
  } else if (values.out) {
    mkdirSync(values.out, { recursive: true });
    for (const [source, tally] of tallies)
      writeFileSync(
        join(values.out, `rec_results_${provider.model}_${source.label}.json`),
        JSON.stringify(resultsOf(tally), null, 1) + "\n",
      );
  }
  const summary = [...tallies].map(([source, tally]) => ({
    subset: source.label,
    model: provider.model,
    n: tally.n,
    strictAccuracy: wilsonInterval(tally.correct, tally.n),
    formatValid: tally.formatValid / tally.n,
    samplesWithIssues: tally.withIssues,
    issueCounts: tally.issueCounts,
    profileMatch: Object.fromEntries(
      Object.entries(tally.profile).map(([key, entry]) => [key, entry.matched / entry.of]),
    ),
    millisecondsPerSample: tally.milliseconds / tally.n,
  }));
  if (values.json) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  console.log(`model ${provider.model} on ${described}`);
  for (const row of summary) {
    const accuracy = row.strictAccuracy;
    console.log(
      `${row.subset.padEnd(12)} n=${String(row.n).padEnd(4)} strict ${percent(accuracy.value)} (95% CI ${percent(accuracy.low)}-${percent(accuracy.high)})  format valid ${percent(row.formatValid)}  samples with issues ${row.samplesWithIssues}${
        Object.keys(row.issueCounts).length
          ? ` (${Object.entries(row.issueCounts)
              .map(([code, count]) => `${code} ${count}`)
              .join(", ")})`
          : ""
      }  ${row.millisecondsPerSample.toFixed(0)} ms/sample`,
    );
    if (Object.keys(row.profileMatch).length)
      console.log(
        `${"".padEnd(12)} profile names the true family: ${Object.entries(row.profileMatch)
          .map(([key, share]) => `${key} ${percent(share)}`)
          .join(", ")}`,
      );
  }
  if (outFile) console.log(`results written to ${outFile}`);
  else if (values.out) console.log(`results written to ${resolve(values.out)}`);
}
