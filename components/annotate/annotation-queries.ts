import { queryOptions } from "@tanstack/react-query";
import {
  claimResponseSchema,
  queueDetailResponseSchema,
  queueSummariesResponseSchema,
  reviewItemsResponseSchema,
} from "@/lib/annotation/item-view-contract";
import { callApi } from "@/lib/http/api-client";

/** Annotation over /api/annotation: the researcher's queues and the annotator's work. Every key starts with "annotation". */
export const annotationKeys = {
  all: ["annotation"] as const,
  ownedQueues: ["annotation", "queues"] as const,
  queue: (id: string) => ["annotation", "queues", id] as const,
  review: (id: string) => ["annotation", "queues", id, "review"] as const,
  workQueues: ["annotation", "work"] as const,
  claim: (queueId: string) => ["annotation", "claim", queueId] as const,
};

/** The queues the researcher made (every queue, for an admin), newest first. */
export const ownedQueuesQueryOptions = () =>
  queryOptions({
    queryKey: annotationKeys.ownedQueues,
    queryFn: () => callApi("/api/annotation/queues", { schema: queueSummariesResponseSchema }),
  });

/** One queue for its maker: progress, item states and agreement figures. */
export const queueDetailQueryOptions = (id: string) =>
  queryOptions({
    queryKey: annotationKeys.queue(id),
    queryFn: async () => (await callApi(`/api/annotation/queues/${id}`, { schema: queueDetailResponseSchema })).queue,
  });

/** A queue's items whose annotators disagree, with every annotation. */
export const reviewItemsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: annotationKeys.review(id),
    queryFn: async () =>
      (await callApi(`/api/annotation/queues/${id}/review`, { schema: reviewItemsResponseSchema })).items,
  });

/** The queues the annotator may work on, with what is left for them in each. */
export const workQueuesQueryOptions = () =>
  queryOptions({
    queryKey: annotationKeys.workQueues,
    queryFn: () => callApi("/api/annotation/work", { schema: queueSummariesResponseSchema }),
  });

/**
 * The item the annotator holds in a queue. Reading it claims one (a POST),
 * so it is read once and then only when invalidated: after a submit or an
 * undo, never on a window's focus or by a retry.
 */
export const claimedItemQueryOptions = (queueId: string) =>
  queryOptions({
    queryKey: annotationKeys.claim(queueId),
    queryFn: () => callApi(`/api/annotation/queues/${queueId}/claims`, { method: "POST", schema: claimResponseSchema }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
