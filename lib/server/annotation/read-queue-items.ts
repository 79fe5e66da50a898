import "server-only";
import { type AnnotationBody, annotationBodySchema, type Verdict } from "@/lib/annotation/annotation-contract";
import { type ItemState, itemState } from "@/lib/annotation/consensus";
import { runPrechecks } from "@/lib/annotation/prechecks";
import { findQueueItemsWithAnnotations, type QueueItemWithAnnotations } from "@/lib/db/annotation-queues";
import type { Database } from "@/lib/db/open-database";
import type { ParsedAssessment } from "@/lib/preferthinker/types";

/** A queue's items read for agreement, review and export: each output parsed, annotations checked, state decided. */

export type ReadAnnotation = {
  id: string;
  annotatorId: string;
  email: string;
  verdict: Verdict;
  body: AnnotationBody;
  seconds: number;
  createdAt: Date;
};
export type ReadItem = {
  record: QueueItemWithAnnotations;
  parsed: ParsedAssessment;
  annotations: ReadAnnotation[];
  resolution: AnnotationBody | null;
  state: ItemState;
};

/** Items per database read of a streamed export: enough to keep round trips few, few enough that a page's outputs stay small. */
export const exportPageSize = 200;

/** Stored JSON is re-checked on the way out, so a row written by an older version cannot break a read. */
const readBody = (value: unknown): AnnotationBody | null => {
  const parsed = annotationBodySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** One item as read from the database: its output parsed, its annotations checked, its state decided. */
export function readQueueItem(record: QueueItemWithAnnotations, requiredAnnotations: number): ReadItem {
  const { parsed } = runPrechecks(record.output, record.label);
  const annotations = record.annotations.flatMap((annotation) => {
    const body = readBody(annotation.body);
    return body
      ? [
          {
            id: annotation.id,
            annotatorId: annotation.annotatorId,
            email: annotation.annotator.email,
            verdict: body.verdict,
            body,
            seconds: annotation.seconds,
            createdAt: annotation.createdAt,
          },
        ]
      : [];
  });
  const resolution = record.resolution === null ? null : readBody(record.resolution);
  return {
    record,
    parsed,
    annotations,
    resolution,
    state: itemState(parsed, annotations, requiredAnnotations, resolution !== null),
  };
}

/** Every item of a queue at once, in queue order (agreement and review need them all together). */
export async function readQueueItems(
  database: Database,
  queueId: string,
  requiredAnnotations: number,
): Promise<ReadItem[]> {
  const items = await findQueueItemsWithAnnotations(database, queueId);
  return items.map((record) => readQueueItem(record, requiredAnnotations));
}

/**
 * A queue's items a page at a time, in queue order, for exports whose memory
 * must not grow with the queue: each page is read when the one before it has
 * been used, and none once the signal aborts (the client went away). Pages
 * are separate reads, not one snapshot: an annotation submitted meanwhile
 * shows up if its item's page is read after it.
 */
export async function* readQueueItemPages(
  database: Database,
  queueId: string,
  requiredAnnotations: number,
  options: { pageSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<ReadItem[]> {
  const limit = options.pageSize ?? exportPageSize;
  let afterPosition: number | undefined;
  while (!options.signal?.aborted) {
    const records = await findQueueItemsWithAnnotations(database, queueId, { afterPosition, limit });
    if (records.length > 0) yield records.map((record) => readQueueItem(record, requiredAnnotations));
    if (records.length < limit) return;
    afterPosition = records.at(-1)!.position;
  }
}
