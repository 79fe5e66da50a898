"use client";

import Link from "next/link";
import type { Ref } from "react";
import type { QueueSummary } from "@/lib/annotation/item-view-contract";

const primaryLink =
  "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2";
const secondaryLink =
  "rounded text-sm font-medium text-brand-700 underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600";

/**
 * What a researcher sees once a queue is made: its size, who can work on it,
 * and the way into it. It takes the focus (the form behind it is empty
 * again), so a screen reader reads it and the next Tab reaches its first
 * link: "Start annotating" when the researcher may annotate the queue.
 */
export function QueueCreatedNotice({
  queue,
  namedAnnotators,
  ref,
}: {
  queue: QueueSummary;
  namedAnnotators: number;
  ref?: Ref<HTMLDivElement>;
}) {
  const canStart = queue.mayWork && queue.availableToMe > 0;
  const audience =
    namedAnnotators === 0
      ? "every annotator"
      : `the ${namedAnnotators === 1 ? "annotator" : `${namedAnnotators} annotators`} you named`;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="region"
      aria-labelledby="queue-created-text"
      className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-3 focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
    >
      <p id="queue-created-text" className="text-sm text-emerald-900">
        Made “{queue.name}” with {queue.items} item{queue.items === 1 ? "" : "s"}, open to {audience}.
      </p>
      <p className="flex flex-wrap items-center gap-4">
        {canStart && (
          <Link
            href={`/annotate/queues/${queue.id}`}
            className={primaryLink}
            aria-label={`Start annotating ${queue.name}`}
          >
            Start annotating
          </Link>
        )}
        <Link
          href={`/annotate/manage/${queue.id}`}
          className={secondaryLink}
          aria-label={`Manage ${queue.name}: agreement, review and exports`}
        >
          Manage the queue
        </Link>
      </p>
    </div>
  );
}
