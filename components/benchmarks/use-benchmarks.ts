import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import {
  benchmarkSubsetsSchema,
  evaluationRunBodySchema,
  evaluationRunsSchema,
  type EvaluationRunJson,
  type NewEvaluationRunBody,
} from "@/lib/benchmarks/benchmark-contract";
import { callApi } from "@/lib/http/api-client";

/** The benchmark page's server data: subsets, runs, and each running run polled until it ends. */

export const benchmarkKeys = {
  subsets: ["benchmarks", "subsets"] as const,
  runs: ["benchmarks", "runs"] as const,
  run: (id: string) => ["benchmarks", "runs", id] as const,
};

export const isRunActive = (run: EvaluationRunJson) => run.status === "queued" || run.status === "running";

export function useSubsets() {
  return useQuery({
    queryKey: benchmarkKeys.subsets,
    queryFn: () => callApi("/api/benchmarks/subsets", { schema: benchmarkSubsetsSchema }),
  });
}

export function useRuns() {
  return useQuery({
    queryKey: benchmarkKeys.runs,
    queryFn: () => callApi("/api/benchmarks/runs", { schema: evaluationRunsSchema }),
  });
}

/**
 * One run, polled every second while it is queued or running (also after a
 * resume); when it ends the list (and so the results table) is read again.
 */
export function useLiveRun(initial: EvaluationRunJson) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: benchmarkKeys.run(initial.id),
    queryFn: async () => (await callApi(`/api/benchmarks/runs/${initial.id}`, { schema: evaluationRunBodySchema })).run,
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
      queryClient.setQueryData(benchmarkKeys.run(run.id), run);
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
      queryClient.setQueryData(benchmarkKeys.run(run.id), run);
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
