import { queryOptions } from "@tanstack/react-query";
import {
  benchmarkSubsetsSchema,
  evaluationRunBodySchema,
  evaluationRunsSchema,
  resultDetailSchema,
  resultRowsSchema,
  runComparisonSchema,
} from "@/lib/benchmarks/benchmark-contract";
import { similarityWorkSchema } from "@/lib/benchmarks/similarity-vote-contract";
import { callApi } from "@/lib/http/api-client";

/**
 * The researcher's benchmarks over /api/benchmarks. A run's own queries
 * (its page, its results) sit under `runs`: invalidate `runs` with
 * `exact: true` to read the list again without them.
 */
export const benchmarkKeys = {
  all: ["benchmarks"] as const,
  subsets: ["benchmarks", "subsets"] as const,
  runs: ["benchmarks", "runs"] as const,
  run: (id: string) => ["benchmarks", "runs", id] as const,
  resultRows: (runId: string) => ["benchmarks", "runs", runId, "results"] as const,
  matchingRows: (runId: string, text: string) => ["benchmarks", "runs", runId, "results", { q: text }] as const,
  similarity: (runId: string) => ["benchmarks", "runs", runId, "similarity"] as const,
  result: (id: string) => ["benchmarks", "results", id] as const,
  comparison: (a: string, b: string) => ["benchmarks", "compare", a, b] as const,
};

/** The researcher's subsets, newest first. */
export const subsetsQueryOptions = () =>
  queryOptions({
    queryKey: benchmarkKeys.subsets,
    queryFn: () => callApi("/api/benchmarks/subsets", { schema: benchmarkSubsetsSchema }),
  });

/** The researcher's runs, newest first, each with its progress and summary. */
export const runsQueryOptions = () =>
  queryOptions({
    queryKey: benchmarkKeys.runs,
    queryFn: () => callApi("/api/benchmarks/runs", { schema: evaluationRunsSchema }),
  });

/** One run as its card shows it. */
export const runQueryOptions = (id: string) =>
  queryOptions({
    queryKey: benchmarkKeys.run(id),
    queryFn: async () => (await callApi(`/api/benchmarks/runs/${id}`, { schema: evaluationRunBodySchema })).run,
  });

/** Every stored result of a run as a compact row, in the official order. */
export const resultRowsQueryOptions = (runId: string) =>
  queryOptions({
    queryKey: benchmarkKeys.resultRows(runId),
    queryFn: () => callApi(`/api/benchmarks/runs/${runId}/results`, { schema: resultRowsSchema }),
  });

/** The rows of a run whose output holds `text`, any case. */
export const matchingRowsQueryOptions = (runId: string, text: string) =>
  queryOptions({
    queryKey: benchmarkKeys.matchingRows(runId, text),
    queryFn: () =>
      callApi(`/api/benchmarks/runs/${runId}/results?q=${encodeURIComponent(text)}`, { schema: resultRowsSchema }),
  });

/** One result in full, with its sample. */
export const resultDetailQueryOptions = (id: string) =>
  queryOptions({
    queryKey: benchmarkKeys.result(id),
    queryFn: () => callApi(`/api/benchmarks/results/${id}`, { schema: resultDetailSchema }),
  });

/** Two runs of a subset compared sample by sample. */
export const runComparisonQueryOptions = (a: string, b: string) =>
  queryOptions({
    queryKey: benchmarkKeys.comparison(a, b),
    queryFn: () =>
      callApi(`/api/benchmarks/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`, {
        schema: runComparisonSchema,
      }),
  });

/** A run's samples with the references it sent, the model's answers and the DreamSim votes stored so far. */
export const similarityWorkQueryOptions = (runId: string) =>
  queryOptions({
    queryKey: benchmarkKeys.similarity(runId),
    queryFn: () => callApi(`/api/benchmarks/runs/${runId}/similarity`, { schema: similarityWorkSchema }),
  });
