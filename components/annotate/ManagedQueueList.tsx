"use client";

import Link from "next/link";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { useOwnedQueues } from "./use-annotation-queues";

/** The researcher's queues with their progress, each a link to its agreement, review and exports. */
export function ManagedQueueList() {
  const queues = useOwnedQueues();
  if (queues.isPending) return <p className="text-sm text-slate-600">Loading queues…</p>;
  if (queues.error) return <ErrorMessage message={`Queues could not be loaded: ${queues.error.message}`} />;
  if (queues.data.queues.length === 0) return <p className="text-sm text-slate-600">No queues yet.</p>;
  return (
    <ul aria-label="Your queues" className="divide-y divide-slate-100">
      {queues.data.queues.map((queue) => (
        <li key={queue.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <div>
            <p className="font-medium">{queue.name}</p>
            <p className="text-xs text-slate-600">
              {queue.items} item{queue.items === 1 ? "" : "s"} · {queue.annotationsDone} of {queue.annotationsNeeded}{" "}
              annotations done
            </p>
          </div>
          <Link
            href={`/annotate/manage/${queue.id}`}
            className="text-sm font-medium text-brand-700 underline"
            aria-label={`Agreement, review and exports of ${queue.name}`}
          >
            Agreement, review, exports
          </Link>
        </li>
      ))}
    </ul>
  );
}
