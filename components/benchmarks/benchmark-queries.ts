import { queryOptions, experimental_streamedQuery as streamedQuery } from "@tanstack/react-query";
import {
  benchmarkSubsetsSchema,
  evaluationRunBodySchema,
  evaluationRunsSchema,
  resultDetailSchema,
  type ResultRowJson,
  resultRowsSchema,
  runAnalysisSchema,
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
  analysis: (runId: string) => ["benchmarks", "runs", runId, "analysis"] as const,
};

/** A run's accuracy intervals and error analysis (read once it is asked for: it reads every result). */
export const runAnalysisQueryOptions = (runId: string) =>
  queryOptions({
    queryKey: benchmarkKeys.analysis(runId),
    queryFn: () => callApi(`/api/benchmarks/runs/${runId}/analysis`, { schema: runAnalysisSchema }),
  });

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
/** A run's rows page after page (`path` may carry `?q=`), as they arrive. */
async function* readRowPages(path: string): AsyncGenerator<ResultRowJson[]> {
  const separator = path.includes("?") ? "&" : "?";
  let after: number | null | undefined;
  do {
    const page = await callApi(after === undefined ? path : `${path}${separator}after=${after}`, {
      schema: resultRowsSchema,
    });
    yield page.results;
    after = page.next;
  } while (after !== null);
}

/**
 * Every row of a run, read a page at a time: the list shows the first page
 * at once and grows as the others arrive (the query keeps fetching until the
 * last). A refetch of a running run swaps the rows in once it has them all.
 */
export const resultRowsQueryOptions = (runId: string) =>
  queryOptions({
    queryKey: benchmarkKeys.resultRows(runId),
    queryFn: streamedQuery({
      streamFn: () => readRowPages(`/api/benchmarks/runs/${runId}/results`),
      reducer: (rows: ResultRowJson[], page: ResultRowJson[]) => rows.concat(page),
      initialValue: [] as ResultRowJson[],
      refetchMode: "replace",
    }),
  });

/** The rows of a run whose output holds `text`, any case: all of them, once every page has come. */
export const matchingRowsQueryOptions = (runId: string, text: string) =>
  queryOptions({
    queryKey: benchmarkKeys.matchingRows(runId, text),
    queryFn: async () => {
      const rows: ResultRowJson[] = [];
      for await (const page of readRowPages(`/api/benchmarks/runs/${runId}/results?q=${encodeURIComponent(text)}`))
        rows.push(...page);
      return rows;
    },
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

/** How many of a run's samples have a DreamSim vote, and how many of those agree with the model (the work list's first page, one sample long). */
export const similaritySummaryQueryOptions = (runId: string) =>
  queryOptions({
    queryKey: benchmarkKeys.similarity(runId),
    queryFn: async () =>
      (await callApi(`/api/benchmarks/runs/${runId}/similarity?limit=1`, { schema: similarityWorkSchema })).summary!,
  });
