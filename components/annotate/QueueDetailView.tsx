"use client";

import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { AgreementTables } from "./AgreementTables";
import { ReviewItemCard } from "./ReviewItemCard";
import { useQueueDetail, useResolveItem, useReviewItems } from "./use-annotation-queues";

/** One queue for its maker: progress, agreement, exports, and the disputed items to settle. */
export function QueueDetailView({ queueId }: { queueId: string }) {
  const detail = useQueueDetail(queueId);
  const review = useReviewItems(queueId);
  const resolve = useResolveItem(queueId);
  if (detail.isPending) return <p className="text-sm text-slate-600">Loading the queue…</p>;
  if (detail.error) return <ErrorMessage message={`The queue could not be loaded: ${detail.error.message}`} />;
  const queue = detail.data;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{queue.name}</h1>
        <p className="text-sm text-slate-600">
          {queue.items} item{queue.items === 1 ? "" : "s"}, {queue.requiredAnnotations} annotator
          {queue.requiredAnnotations === 1 ? "" : "s"} each · {queue.annotationsDone} of {queue.annotationsNeeded}{" "}
          annotations done · open {queue.states.open}, agreed {queue.states.settled}, disputed {queue.states.disputed},
          settled by review {queue.states.resolved}
        </p>
      </div>
      <section aria-labelledby="exports-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="exports-heading" className="text-lg font-semibold">
          Exports
        </h2>
        <p className="text-sm text-slate-600">
          Accepted items with their corrections applied, as a LLaMA-Factory ShareGPT dataset with its pictures; or every
          annotation.
        </p>
        <div className="flex flex-wrap gap-3 text-sm">
          <a
            href={`/api/annotation/queues/${queue.id}/export?format=sharegpt`}
            className="font-medium text-brand-700 underline"
          >
            Fine-tuning dataset (zip)
          </a>
          <a
            href={`/api/annotation/queues/${queue.id}/export?format=jsonl`}
            className="font-medium text-brand-700 underline"
          >
            All annotations (JSON Lines)
          </a>
        </div>
      </section>
      <section
        aria-labelledby="agreement-heading"
        className="space-y-2 rounded-xl border border-slate-200 bg-white p-4"
      >
        <h2 id="agreement-heading" className="text-lg font-semibold">
          Agreement
        </h2>
        <AgreementTables agreement={queue.agreement} />
      </section>
      <section aria-labelledby="review-heading" className="space-y-3">
        <h2 id="review-heading" className="text-lg font-semibold">
          Review: annotators disagree
        </h2>
        <ErrorMessage
          message={
            review.error
              ? `The review list could not be loaded: ${review.error.message}`
              : resolve.error
                ? `Not settled: ${resolve.error.message}`
                : null
          }
        />
        {review.data?.length === 0 ? <p className="text-sm text-slate-600">Nothing to review.</p> : null}
        {review.data?.map((item) => (
          <ReviewItemCard
            key={item.item.id}
            review={item}
            isResolving={resolve.isPending}
            onResolve={(resolution) =>
              resolve.mutate({ itemId: item.item.id, resolution }, { onSuccess: () => void review.refetch() })
            }
          />
        ))}
      </section>
    </div>
  );
}
