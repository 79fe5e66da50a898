import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import type { AnnotationBody, CreateQueueInput } from "@/lib/annotation/annotation-contract";
import { queueDetailSchema, queueSummarySchema, reviewItemSchema } from "@/lib/annotation/item-view-contract";
import { evaluationRunsSchema } from "@/lib/benchmarks/benchmark-contract";
import { callApi } from "@/lib/http/api-client";
import { workKeys } from "./use-annotation-work";

/** A researcher's server data about queues: theirs, one in detail, its disputed items; making a queue and settling a dispute. */

export const queueKeys = {
  owned: ["annotation", "queues"] as const,
  detail: (id: string) => ["annotation", "queues", id] as const,
  review: (id: string) => ["annotation", "queues", id, "review"] as const,
  runs: ["annotation", "runs"] as const,
};

export function useOwnedQueues() {
  return useQuery({
    queryKey: queueKeys.owned,
    queryFn: () => callApi("/api/annotation/queues", { schema: z.object({ queues: z.array(queueSummarySchema) }) }),
  });
}

/** Completed runs a queue can be made from. */
export function useCompletedRuns(enabled: boolean) {
  return useQuery({
    queryKey: queueKeys.runs,
    enabled,
    queryFn: async () =>
      (await callApi("/api/benchmarks/runs", { schema: evaluationRunsSchema })).runs.filter(
        (run) => run.status === "completed",
      ),
  });
}

export function useCreateQueue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateQueueInput) =>
      callApi("/api/annotation/queues", { method: "POST", body, schema: z.object({ queue: queueSummarySchema }) }),
    // The new queue is listed among the researcher's, and among those to work on when they may annotate it.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queueKeys.owned, exact: true }),
        queryClient.invalidateQueries({ queryKey: workKeys.queues, exact: true }),
      ]),
  });
}

export function useQueueDetail(id: string) {
  return useQuery({
    queryKey: queueKeys.detail(id),
    queryFn: async () =>
      (await callApi(`/api/annotation/queues/${id}`, { schema: z.object({ queue: queueDetailSchema }) })).queue,
  });
}

export function useReviewItems(id: string) {
  return useQuery({
    queryKey: queueKeys.review(id),
    queryFn: async () =>
      (await callApi(`/api/annotation/queues/${id}/review`, { schema: z.object({ items: z.array(reviewItemSchema) }) }))
        .items,
  });
}

export function useResolveItem(queueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, resolution }: { itemId: string; resolution: AnnotationBody }) =>
      callApi(`/api/annotation/items/${itemId}/resolution`, { method: "PUT", body: resolution }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queueKeys.detail(queueId) }),
  });
}
