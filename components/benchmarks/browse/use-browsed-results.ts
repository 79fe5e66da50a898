"use client";

import { useQueries, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useCallback } from "react";
import type { EvaluationRunJson, ResultRowJson } from "@/lib/benchmarks/benchmark-contract";
import type { BrowsedResult } from "@/lib/benchmarks/result-filters";
import { matchingRowsQueryOptions, resultDetailQueryOptions, resultRowsQueryOptions } from "../benchmark-queries";
import { describeRunModel } from "../run-model-label";

type RowsQuery = UseQueryResult<ResultRowJson[]>;

const hasEnded = (run: EvaluationRunJson) =>
  run.status === "completed" || run.status === "failed" || run.status === "cancelled";

/**
 * The rows of the chosen runs (each run read once, a page at a time, and
 * kept while it cannot change), and the ids of those whose output holds a searched text. Both
 * are combined by TanStack Query, which hands back the same arrays until a
 * run's data changes, so filtering is redone only when it must be.
 */
export function useBrowsedResults(runs: EvaluationRunJson[], text: string | undefined) {
  const combineRows = useCallback(
    (queries: RowsQuery[]) => ({
      rows: runs.flatMap((run, index): BrowsedResult[] =>
        (queries[index]?.data ?? []).map((row) => ({
          ...row,
          runId: run.id,
          subset: run.subset.name,
          model: describeRunModel(run),
          swapRun: run.swap,
        })),
      ),
      isPending: queries.some((query) => query.isPending),
      // The first page of each run is in; later pages are still arriving.
      isReadingMore: queries.some((query) => !query.isPending && query.fetchStatus === "fetching"),
      error: queries.find((query) => query.error)?.error ?? null,
    }),
    [runs],
  );
  const loaded = useQueries({
    queries: runs.map((run) => ({
      ...resultRowsQueryOptions(run.id),
      staleTime: hasEnded(run) ? Infinity : 5_000,
    })),
    combine: combineRows,
  });

  const combineSearches = useCallback(
    (queries: RowsQuery[]) => {
      const isSearching = Boolean(text) && queries.some((query) => query.isPending);
      return {
        // Until every run has answered, nothing is hidden for the search.
        matching:
          text && !isSearching ? new Set(queries.flatMap((query) => query.data?.map((row) => row.id) ?? [])) : null,
        isSearching,
        error: queries.find((query) => query.error)?.error ?? null,
      };
    },
    [text],
  );
  const searched = useQueries({
    queries: runs.map((run) => ({
      ...matchingRowsQueryOptions(run.id, text ?? ""),
      enabled: Boolean(text),
      staleTime: 60_000,
    })),
    combine: combineSearches,
  });

  return {
    rows: loaded.rows,
    isPending: loaded.isPending,
    isReadingMore: loaded.isReadingMore,
    matching: searched.matching,
    isSearching: searched.isSearching,
    error: loaded.error ?? searched.error,
  };
}

export function useResultDetail(id: string | undefined) {
  return useQuery({
    ...resultDetailQueryOptions(id ?? ""),
    enabled: Boolean(id),
    staleTime: Infinity,
  });
}
