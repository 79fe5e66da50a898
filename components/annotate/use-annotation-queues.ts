import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { runsQueryOptions } from "@/components/benchmarks/benchmark-queries";
import type { AnnotationBody, CreateQueueInput } from "@/lib/annotation/annotation-contract";
import { queueResponseSchema, resolutionResponseSchema } from "@/lib/annotation/item-view-contract";
import { callApi } from "@/lib/http/api-client";
import {
  annotationKeys,
  ownedQueuesQueryOptions,
  queueDetailQueryOptions,
  reviewItemsQueryOptions,
} from "./annotation-queries";

/** A researcher's server data about queues: theirs, one in detail, its disputed items; making a queue and settling a dispute. */

export function useOwnedQueues() {
  return useQuery(ownedQueuesQueryOptions());
}

/** Completed runs a queue can be made from. */
export function useCompletedRuns(enabled: boolean) {
  return useQuery({
    ...runsQueryOptions(),
    enabled,
    select: (data) => data.runs.filter((run) => run.status === "completed"),
  });
}

export function useCreateQueue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateQueueInput) =>
      callApi("/api/annotation/queues", { method: "POST", body, schema: queueResponseSchema }),
    // The new queue is listed among the researcher's, and among those to work on when they may annotate it.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: annotationKeys.ownedQueues, exact: true }),
        queryClient.invalidateQueries({ queryKey: annotationKeys.workQueues, exact: true }),
      ]),
  });
}

export function useQueueDetail(id: string) {
  return useQuery(queueDetailQueryOptions(id));
}

export function useReviewItems(id: string) {
  return useQuery(reviewItemsQueryOptions(id));
}

export function useResolveItem(queueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, resolution }: { itemId: string; resolution: AnnotationBody }) =>
      callApi(`/api/annotation/items/${itemId}/resolution`, {
        method: "PUT",
        body: resolution,
        schema: resolutionResponseSchema,
      }),
    // The queue's figures and its list of disputes (a prefix of the queue's key) are read again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: annotationKeys.queue(queueId) }),
  });
}
