import "server-only";
import { type AnnotationBody, annotationBodySchema, type Verdict } from "@/lib/annotation/annotation-schemas";
import { type ItemState, itemState } from "@/lib/annotation/consensus";
import { runPrechecks } from "@/lib/annotation/prechecks";
import { findQueueItemsWithAnnotations, type QueueItemWithAnnotations } from "@/lib/db/annotation-queues";
import type { Database } from "@/lib/db/open-database";
import type { ParsedAssessment } from "@/lib/preferthinker/types";

/** A queue's items read once for agreement, review and export: each output parsed, annotations checked, state decided. */

export type ReadAnnotation = { id: string; annotatorId: string; email: string; verdict: Verdict; body: AnnotationBody; seconds: number; createdAt: Date };
export type ReadItem = { record: QueueItemWithAnnotations; parsed: ParsedAssessment; annotations: ReadAnnotation[]; resolution: AnnotationBody | null; state: ItemState };

/** Stored JSON is re-checked on the way out, so a row written by an older version cannot break a read. */
const readBody = (value: unknown): AnnotationBody | null => {
  const parsed = annotationBodySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

export async function readQueueItems(database: Database, queueId: string, requiredAnnotations: number): Promise<ReadItem[]> {
  const items = await findQueueItemsWithAnnotations(database, queueId);
  return items.map((record) => {
    const { parsed } = runPrechecks(record.output, record.label);
    const annotations = record.annotations.flatMap((annotation) => {
      const body = readBody(annotation.body);
      return body ? [{ id: annotation.id, annotatorId: annotation.annotatorId, email: annotation.annotator.email, verdict: body.verdict, body, seconds: annotation.seconds, createdAt: annotation.createdAt }] : [];
    });
    const resolution = record.resolution === null ? null : readBody(record.resolution);
    return { record, parsed, annotations, resolution, state: itemState(parsed, annotations, requiredAnnotations, resolution !== null) };
  });
}
