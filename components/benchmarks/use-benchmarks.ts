import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import {
  benchmarkSubsetsSchema,
  evaluationRunBodySchema,
  type EvaluationRunJson,
  type NewEvaluationRunBody,
} from "@/lib/benchmarks/benchmark-contract";
import { callApi } from "@/lib/http/api-client";
import { benchmarkKeys, runQueryOptions, runsQueryOptions, subsetsQueryOptions } from "./benchmark-queries";

/** The benchmark page's server data: subsets, runs, and each running run polled until it ends. */

export const isRunActive = (run: EvaluationRunJson) => run.status === "queued" || run.status === "running";

export function useSubsets() {
  return useQuery(subsetsQueryOptions());
}

export function useRuns() {
  return useQuery(runsQueryOptions());
}

/**
 * One run, polled every second while it is queued or running (also after a
 * resume); when it ends the list (and so the results table) is read again.
 */
export function useLiveRun(initial: EvaluationRunJson) {
  const queryClient = useQueryClient();
  const query = useQuery({
    ...runQueryOptions(initial.id),
    initialData: initial,
    enabled: (current) => isRunActive(current.state.data ?? initial),
    refetchInterval: (current) => (current.state.data && isRunActive(current.state.data) ? 1000 : false),
  });
  const isActive = isRunActive(query.data);
  const wasActive = useRef(isActive);
  useEffect(() => {
    if (wasActive.current && !isActive)
      void queryClient.invalidateQueries({ queryKey: benchmarkKeys.runs, exact: true });
    wasActive.current = isActive;
  }, [isActive, queryClient]);
  return query;
}

export function useStartRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<NewEvaluationRunBody> & { subsetId: string }) =>
      callApi("/api/benchmarks/runs", { method: "POST", body, schema: evaluationRunBodySchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: benchmarkKeys.runs, exact: true }),
  });
}

export function useCancelRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      callApi(`/api/benchmarks/runs/${id}/cancel`, { method: "POST", schema: evaluationRunBodySchema }),
    onSuccess: ({ run }) => {
      queryClient.setQueryData(runQueryOptions(run.id).queryKey, run);
      return queryClient.invalidateQueries({ queryKey: benchmarkKeys.runs, exact: true });
    },
  });
}

/** Queues a failed or cancelled run again; its card then polls it as it runs. */
export function useResumeRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      callApi(`/api/benchmarks/runs/${id}/resume`, { method: "POST", schema: evaluationRunBodySchema }),
    onSuccess: ({ run }) => {
      queryClient.setQueryData(runQueryOptions(run.id).queryKey, run);
      return queryClient.invalidateQueries({ queryKey: benchmarkKeys.runs, exact: true });
    },
  });
}

export function useImportDemo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (subsets: string[]) =>
      callApi("/api/benchmarks/imports", {
        method: "POST",
        body: { folder: "demo", subsets },
        schema: benchmarkSubsetsSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: benchmarkKeys.subsets }),
  });
}
