import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { getConfig } from "../../lib/config";
import { matchProfile } from "../../lib/demo/profile-match";
import { attributeKeys } from "../../lib/preferthinker/attributes";
import { type BenchmarkSubset, benchmarkSubsets } from "../../lib/preferthinker/benchmark-format";
import { wilsonInterval } from "../../lib/preferthinker/metrics";
import { type ResultRow, toResultRow, toResultsFile } from "../../lib/preferthinker/results-format";
import { assessBenchmarkFolder, findBenchmarkSubsets } from "../../lib/server/benchmarks/assess-benchmark-folder";
import { getPromptTemplate } from "../../lib/server/load-prompt-template";
import { chooseProvider } from "../choose-provider";

export const evalUsage =
  "preferthinker eval [--benchmark <folder>] [--subset TEST_SP_ID,...] [--endpoint URL --model NAME] [--mode reasoning|fast] [--limit N] [--out <folder>] [--json]";

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

type SubsetTally = { n: number; correct: number; formatValid: number; withIssues: number; issueCounts: Record<string, number>; profile: Record<string, { matched: number; of: number }>; milliseconds: number; rows: ResultRow[] };

/**
 * Runs an assessor over a benchmark folder and prints strict accuracy per
 * subset (with its 95% interval), format validity, consistency issues and,
 * where the samples carry ground-truth profiles, how often the predicted
 * profile names the true family per attribute.
 */
export async function runEval(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      benchmark: { type: "string" },
      subset: { type: "string" },
      endpoint: { type: "string" },
      model: { type: "string" },
      mode: { type: "string", default: "reasoning" },
      limit: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const folder = resolve(values.benchmark ?? getConfig().demo.folder);
  const present = findBenchmarkSubsets(folder);
  const wanted = values.subset ? values.subset.split(",").map((name) => name.trim().toUpperCase()) : present;
  const unknown = wanted.filter((name) => !present.includes(name as BenchmarkSubset));
  if (unknown.length) throw new Error(`${folder} has no subset ${unknown.join(", ")}; it has ${present.join(", ") || "none"} (known: ${benchmarkSubsets.join(", ")})`);
  if (values.mode !== "reasoning" && values.mode !== "fast") throw new Error(`--mode must be reasoning or fast, got ${JSON.stringify(values.mode)}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new Error("--limit must be a whole number of samples, at least 1");
  const provider = chooseProvider(values.endpoint, values.model);
  const tallies = new Map<BenchmarkSubset, SubsetTally>();
  for await (const outcome of assessBenchmarkFolder({ folder, subsets: wanted as BenchmarkSubset[], provider, template: getPromptTemplate(getConfig().promptTemplate), mode: values.mode, limit })) {
    let tally = tallies.get(outcome.subset);
    if (!tally) {
      tally = { n: 0, correct: 0, formatValid: 0, withIssues: 0, issueCounts: {}, profile: {}, milliseconds: 0, rows: [] };
      tallies.set(outcome.subset, tally);
    }
    tally.n++;
    tally.correct += Number(outcome.strictCorrect);
    tally.formatValid += Number(outcome.parsed.formatValid);
    tally.withIssues += Number(outcome.parsed.issues.length > 0);
    tally.milliseconds += outcome.milliseconds;
    for (const issue of outcome.parsed.issues) tally.issueCounts[issue.code] = (tally.issueCounts[issue.code] ?? 0) + 1;
    if (outcome.sample.prefer_attributes && outcome.parsed.profiles.preference[0]) {
      const matches = matchProfile(outcome.parsed.profiles.preference[0], outcome.sample.prefer_attributes as Record<string, string>);
      for (const key of attributeKeys) {
        if (matches[key] === null) continue;
        const entry = (tally.profile[key] ??= { matched: 0, of: 0 });
        entry.of++;
        entry.matched += Number(matches[key]);
      }
    }
    tally.rows.push(toResultRow({ imageA: outcome.sample.imageA, imageB: outcome.sample.imageB, question: "", label: outcome.sample.label }, outcome.output));
    if (!values.json && process.stderr.isTTY) process.stderr.write(`\r${outcome.subset}: ${tally.n} assessed`);
  }
  if (!values.json && process.stderr.isTTY) process.stderr.write("\n");
  if (values.out) {
    mkdirSync(values.out, { recursive: true });
    for (const [subset, tally] of tallies) writeFileSync(join(values.out, `rec_results_${provider.model}_${subset}.json`), JSON.stringify(toResultsFile(tally.rows), null, 1) + "\n");
  }
  const summary = [...tallies].map(([subset, tally]) => ({
    subset,
    model: provider.model,
    n: tally.n,
    strictAccuracy: wilsonInterval(tally.correct, tally.n),
    formatValid: tally.formatValid / tally.n,
    samplesWithIssues: tally.withIssues,
    issueCounts: tally.issueCounts,
    profileMatch: Object.fromEntries(Object.entries(tally.profile).map(([key, entry]) => [key, entry.matched / entry.of])),
    millisecondsPerSample: tally.milliseconds / tally.n,
  }));
  if (values.json) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  console.log(`model ${provider.model} on ${folder}`);
  for (const row of summary) {
    const accuracy = row.strictAccuracy;
    console.log(
      `${row.subset.padEnd(12)} n=${String(row.n).padEnd(4)} strict ${percent(accuracy.value)} (95% CI ${percent(accuracy.low)}-${percent(accuracy.high)})  format valid ${percent(row.formatValid)}  samples with issues ${row.samplesWithIssues}${Object.keys(row.issueCounts).length ? ` (${Object.entries(row.issueCounts).map(([code, count]) => `${code} ${count}`).join(", ")})` : ""}  ${row.millisecondsPerSample.toFixed(0)} ms/sample`,
    );
    if (Object.keys(row.profileMatch).length) console.log(`${"".padEnd(12)} profile names the true family: ${Object.entries(row.profileMatch).map(([key, share]) => `${key} ${percent(share)}`).join(", ")}`);
  }
}
