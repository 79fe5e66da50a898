import "server-only";
import type { Actor } from "@/lib/auth/policy";
import type { RunAnalysisJson } from "@/lib/benchmarks/benchmark-contract";
import { clusteredBootstrapAccuracy } from "@/lib/benchmarks/bootstrap";
import { createErrorAnalysis, decidingAttributeMethod } from "@/lib/benchmarks/error-analysis";
import { profileSimilarityMethod } from "@/lib/benchmarks/profile-similarity";
import type { EvaluationRunRecord } from "@/lib/db/evaluation-runs";
import { type AnalysisRow, findAnalysisRows } from "@/lib/db/evaluation-results";
import type { Database } from "@/lib/db/open-database";
import { wilsonInterval } from "@/lib/preferthinker/metrics";
import type { Profile } from "@/lib/preferthinker/types";
import { getReachableRun } from "./get-reachable-benchmark";

/**
 * A run's analysis: strict accuracy with its Wilson interval and, where a
 * subset has several samples per person, an interval clustered by person;
 * and the per-attribute error analysis. The results are read in pages of
 * the parts of each output the analysis needs, so a run of any size is
 * never held whole. An ended run's analysis is kept until it is resumed.
 */

const pageSize = 2000;
const kept = new Map<string, { end: string; analysis: RunAnalysisJson }>();
const keptAnalyses = 100;

const endOf = (run: EvaluationRunRecord) =>
  run.status === "running" || run.status === "queued" || run.finishedAt === null
    ? null
    : `${run.status} ${run.finishedAt.getTime()}`;

export async function analyseRun(database: Database, actor: Actor, runId: string): Promise<RunAnalysisJson> {
  const run = await getReachableRun(database, actor, runId, "read");
  const end = endOf(run);
  const known = kept.get(run.id);
  if (known && end !== null && known.end === end) return known.analysis;
  const analysis = await computeAnalysis(database, run.id);
  if (end !== null) {
    kept.delete(run.id);
    kept.set(run.id, { end, analysis });
    if (kept.size > keptAnalyses) kept.delete(kept.keys().next().value!);
  }
  return analysis;
}

const textRecord = (value: unknown): Record<string, string> | null =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      )
    : null;

const scoresOf = (value: unknown) => {
  const scores = value as { A?: unknown; B?: unknown } | null;
  return scores && Array.isArray(scores.A) && Array.isArray(scores.B)
    ? { A: scores.A as (number | null)[], B: scores.B as (number | null)[] }
    : null;
};

const profilesOf = (value: unknown) => {
  const profiles = value as { preference?: unknown; nonPreference?: unknown } | null;
  return profiles && Array.isArray(profiles.preference) && Array.isArray(profiles.nonPreference)
    ? { preference: profiles.preference as Profile[], nonPreference: profiles.nonPreference as Profile[] }
    : null;
};

async function computeAnalysis(database: Database, runId: string): Promise<RunAnalysisJson> {
  const errors = createErrorAnalysis();
  const byPerson: { cluster: string; correct: boolean }[] = [];
  const samplesPerPerson = new Map<string, number>();
  let correct = 0;
  let total = 0;
  let after: number | undefined;
  for (;;) {
    const rows: AnalysisRow[] = await findAnalysisRows(database, runId, { after, limit: pageSize });
    for (const row of rows) {
      total++;
      if (row.strictCorrect) correct++;
      if (row.userId !== null) {
        byPerson.push({ cluster: row.userId, correct: row.strictCorrect });
        samplesPerPerson.set(row.userId, (samplesPerPerson.get(row.userId) ?? 0) + 1);
      }
      errors.add({
        label: row.label,
        strictCorrect: row.strictCorrect,
        answer: row.answer,
        scores: scoresOf(row.scores),
        profiles: profilesOf(row.profiles),
        preferAttributes: textRecord(row.preferAttributes),
        nonPreferAttributes: textRecord(row.nonPreferAttributes),
      });
    }
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.officialOrder;
  }
  const wilson = wilsonInterval(correct, total);
  // Clustering changes nothing unless some person has several samples, and needs every sample's person.
  const clustered = byPerson.length === total && [...samplesPerPerson.values()].some((count) => count > 1);
  const cluster = clustered ? clusteredBootstrapAccuracy(byPerson) : null;
  const nullable = (value: number) => (Number.isNaN(value) ? null : value);
  return {
    runId,
    accuracy: {
      wilson: {
        value: nullable(wilson.value),
        low: nullable(wilson.low),
        high: nullable(wilson.high),
        n: total,
        method: "Wilson score interval (samples taken as independent)",
      },
      byPerson: cluster
        ? {
            value: nullable(cluster.value),
            low: nullable(cluster.low),
            high: nullable(cluster.high),
            n: cluster.n,
            clusters: cluster.clusters,
            method: cluster.method,
          }
        : null,
    },
    errors: { method: decidingAttributeMethod, ...errors.finish(), profileAgreementMethod: profileSimilarityMethod },
  };
}
