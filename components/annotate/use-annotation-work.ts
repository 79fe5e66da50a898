import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import type { AnnotationBody } from "@/lib/annotation/annotation-contract";
import { claimResponseSchema, queueSummarySchema, submitResponseSchema } from "@/lib/annotation/item-view-contract";
import { ApiError, callApi } from "@/lib/http/api-client";

/** The annotator's server data: the queues open to them, the item they hold, submit and undo. */

export const workKeys = {
  queues: ["annotation", "work"] as const,
  claim: (queueId: string) => ["annotation", "claim", queueId] as const,
};

export function useWorkQueues() {
  return useQuery({
    queryKey: workKeys.queues,
    queryFn: () => callApi("/api/annotation/work", { schema: z.object({ queues: z.array(queueSummarySchema) }) }),
  });
}

/** The item the annotator holds in a queue (claimed on first read); read again after each submit or undo. */
export function useClaimedItem(queueId: string) {
  return useQuery({
    queryKey: workKeys.claim(queueId),
    queryFn: () => callApi(`/api/annotation/queues/${queueId}/claims`, { method: "POST", schema: claimResponseSchema }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export function useSubmitAnnotation(queueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: AnnotationBody }) =>
      callApi(`/api/annotation/items/${itemId}/annotations`, { method: "POST", body, schema: submitResponseSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workKeys.claim(queueId) }),
    // 409: the hold ran out and someone else took the item; the next one is waiting.
    onError: (error) =>
      error instanceof ApiError && error.status === 409
        ? queryClient.invalidateQueries({ queryKey: workKeys.claim(queueId) })
        : undefined,
  });
}

export function useUndoAnnotation(queueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (annotationId: string) =>
      callApi(`/api/annotation/annotations/${annotationId}`, {
        method: "DELETE",
        schema: z.object({ itemId: z.string(), queueId: z.string() }),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workKeys.claim(queueId) }),
  });
}
