import "server-only";
import { getConfig } from "@/lib/config";
import type { AnnotationQueueRecord } from "@/lib/db/annotation-queues";
import type { Database } from "@/lib/db/open-database";
import { getPromptTemplate } from "@/lib/server/load-prompt-template";
import { streamChunks, toBytes } from "@/lib/server/stream-chunks";
import { readQueueItemPages } from "./read-queue-items";
import { writeShareGptZip } from "./write-sharegpt-zip";

/**
 * A queue's exports (docs/formats.md): the accepted items as a fine-tuning
 * dataset (LLaMA-Factory's ShareGPT layout, zipped with its pictures and
 * dataset_info.json), and every annotation as JSON Lines. Both are streams
 * read from the database a page of items at a time, as the client takes
 * them, so a server's memory does not grow with the queue. Whatever can fail
 * for a reason the client should hear (no such queue, no access, the
 * configuration) is decided before they are called.
 */

export type ExportOptions = {
  /** Items per database read (tests make it small); exportPageSize otherwise. */
  pageSize?: number;
  /** The request's signal: the database reads stop when the client goes away. */
  signal?: AbortSignal;
};

/** The zip of the fine-tuning dataset: images/, then data.json, dataset_info.json and skipped.json (when some items could not be exported). */
export function exportShareGptZip(
  database: Database,
  queue: AnnotationQueueRecord,
  options: ExportOptions = {},
): ReadableStream<Uint8Array> {
  // Read now, not once the download has begun, so a broken template is an error response rather than half a file.
  const template = getPromptTemplate(getConfig().promptTemplate);
  return streamChunks(
    (signal) => writeShareGptZip(database, queue, template, { pageSize: options.pageSize, signal }),
    options.signal,
  );
}

async function* writeAnnotationLines(
  database: Database,
  queue: AnnotationQueueRecord,
  options: { pageSize?: number; signal: AbortSignal },
): AsyncGenerator<Uint8Array> {
  for await (const page of readQueueItemPages(database, queue.id, queue.requiredAnnotations, options)) {
    let text = "";
    for (const item of page) {
      const common = {
        queueId: queue.id,
        itemId: item.record.id,
        position: item.record.position,
        source: item.record.evaluationResultId
          ? { evaluationResultId: item.record.evaluationResultId }
          : { assessmentId: item.record.assessmentId },
        model: item.record.model,
        label: item.record.label,
        prechecks: item.record.precheckCodes,
        state: item.state,
      };
      for (const annotation of item.annotations) {
        text += `${JSON.stringify({ kind: "annotation", ...common, annotator: annotation.email, seconds: annotation.seconds, createdAt: annotation.createdAt.toISOString(), ...annotation.body })}\n`;
      }
      if (item.resolution && item.record.resolvedAt) {
        text += `${JSON.stringify({ kind: "resolution", ...common, resolvedAt: item.record.resolvedAt.toISOString(), ...item.resolution })}\n`;
      }
    }
    if (text) yield toBytes(text);
  }
}

/** Every annotation (and every reviewer's resolution) of a queue, one JSON object a line, sent a page of items at a time. */
export function exportAnnotationsJsonl(
  database: Database,
  queue: AnnotationQueueRecord,
  options: ExportOptions = {},
): ReadableStream<Uint8Array> {
  return streamChunks(
    (signal) => writeAnnotationLines(database, queue, { pageSize: options.pageSize, signal }),
    options.signal,
  );
}
