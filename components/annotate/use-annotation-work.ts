import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AnnotationBody } from "@/lib/annotation/annotation-contract";
import { submitResponseSchema, undoneAnnotationSchema } from "@/lib/annotation/item-view-contract";
import { ApiError, callApi } from "@/lib/http/api-client";
import { annotationKeys, claimedItemQueryOptions, workQueuesQueryOptions } from "./annotation-queries";

/** The annotator's server data: the queues open to them, the item they hold, submit and undo. */

export function useWorkQueues() {
  return useQuery(workQueuesQueryOptions());
}

/** The item the annotator holds in a queue (claimed on first read); read again after each submit or undo. */
export function useClaimedItem(queueId: string) {
  return useQuery(claimedItemQueryOptions(queueId));
}

export function useSubmitAnnotation(queueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: AnnotationBody }) =>
      callApi(`/api/annotation/items/${itemId}/annotations`, { method: "POST", body, schema: submitResponseSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: annotationKeys.claim(queueId) }),
    // 409: the hold ran out and someone else took the item; the next one is waiting.
    onError: (error) =>
      error instanceof ApiError && error.status === 409
        ? queryClient.invalidateQueries({ queryKey: annotationKeys.claim(queueId) })
        : undefined,
  });
}

export function useUndoAnnotation(queueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (annotationId: string) =>
      callApi(`/api/annotation/annotations/${annotationId}`, { method: "DELETE", schema: undoneAnnotationSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: annotationKeys.claim(queueId) }),
  });
}
