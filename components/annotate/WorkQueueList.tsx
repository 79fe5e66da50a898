"use client";

import Link from "next/link";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { useWorkQueues } from "./use-annotation-work";

/** The queues open to the annotator, with what is left for them, each a link to start. */
export function WorkQueueList() {
  const queues = useWorkQueues();
  if (queues.isPending) return <p className="text-sm text-slate-600">Loading your queues…</p>;
  if (queues.error) return <ErrorMessage message={`Your queues could not be loaded: ${queues.error.message}`} />;
  if (queues.data.queues.length === 0)
    return <p className="text-sm text-slate-600">No queue is open to you yet. A researcher makes them.</p>;
  return (
    <ul aria-label="Queues to work on" className="divide-y divide-slate-100">
      {queues.data.queues.map((queue) => (
        <li key={queue.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <div>
            <p className="font-medium">{queue.name}</p>
            <p className="text-xs text-slate-600">
              {queue.items} item{queue.items === 1 ? "" : "s"}, {queue.requiredAnnotations} annotator
              {queue.requiredAnnotations === 1 ? "" : "s"} each · you did {queue.mine} · {queue.availableToMe} left for
              you
            </p>
          </div>
          {queue.availableToMe > 0 ? (
            <Link
              href={`/annotate/queues/${queue.id}`}
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
              aria-label={`Start annotating ${queue.name}`}
            >
              Start
            </Link>
          ) : (
            <span className="text-sm text-slate-500">Done</span>
          )}
        </li>
      ))}
    </ul>
  );
}
