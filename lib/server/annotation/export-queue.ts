import "server-only";
import { buffer } from "node:stream/consumers";
import { strToU8, zipSync, type Zippable } from "fflate";
import { writeCorrectedOutput } from "@/lib/annotation/corrected-output";
import { settledAnnotation } from "@/lib/annotation/consensus";
import { datasetInfo, type ShareGptSample, toShareGptSample } from "@/lib/annotation/sharegpt-sample";
import { getConfig } from "@/lib/config";
import type { AnnotationQueueRecord } from "@/lib/db/annotation-queues";
import { getImage } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { getImageLibrary } from "@/lib/images/image-library";
import { buildAssessmentRequest } from "@/lib/preferthinker/request-builder";
import { getPromptTemplate } from "@/lib/server/load-prompt-template";
import { type ReadItem, readQueueItems } from "./read-queue-items";

/**
 * A queue's exports (docs/formats.md): the accepted items as a fine-tuning
 * dataset (LLaMA-Factory's ShareGPT layout, zipped with its pictures and
 * dataset_info.json), and every annotation as JSON Lines.
 */

const placeholder = (index: number) => ({ url: `https://images.invalid/${index}` });

/** The text an accepted item teaches: the output as written for gold, with the corrections applied otherwise. */
function acceptedText(item: ReadItem, required: number): string | null {
  const settled = settledAnnotation(item.parsed, item.annotations, required, item.resolution);
  if (!settled || settled.verdict === "rejected") return null;
  return settled.verdict === "gold" ? item.record.output : writeCorrectedOutput(item.parsed, settled);
}

async function readPicture(database: Database, imageId: string): Promise<{ path: string; bytes: Uint8Array } | null> {
  const image = await getImage(database, imageId);
  if (!image) return null;
  const file = await getImageLibrary().store.read(image.sha256, "normalized");
  if (!file) return null;
  return { path: `images/${image.sha256}.jpg`, bytes: new Uint8Array(await buffer(file.stream)) };
}

/** The zip of the fine-tuning dataset: data.json, dataset_info.json and images/. */
export async function exportShareGptZip(database: Database, queue: AnnotationQueueRecord): Promise<Uint8Array> {
  const items = await readQueueItems(database, queue.id, queue.requiredAnnotations);
  const template = getPromptTemplate(getConfig().promptTemplate);
  const files: Zippable = {};
  const samples: ShareGptSample[] = [];
  const skipped: { itemId: string; reason: string }[] = [];
  for (const item of items) {
    const text = acceptedText(item, queue.requiredAnnotations);
    if (text === null) continue;
    const { preferredImageIds, nonPreferredImageIds, candidateImageIds } = item.record;
    const ids = [...preferredImageIds, ...nonPreferredImageIds, ...candidateImageIds];
    const pictures = await Promise.all(ids.map((id) => readPicture(database, id)));
    if (pictures.some((picture) => picture === null) || preferredImageIds.length === 0 || nonPreferredImageIds.length === 0 || candidateImageIds.length !== 2) {
      skipped.push({ itemId: item.record.id, reason: "its pictures are no longer stored" });
      continue;
    }
    for (const picture of pictures) files[picture!.path] = [picture!.bytes, { level: 0 }];
    let index = 0;
    const request = buildAssessmentRequest({
      model: item.record.model,
      template,
      mode: "reasoning",
      preferred: preferredImageIds.map(() => placeholder(index++)),
      nonPreferred: nonPreferredImageIds.map(() => placeholder(index++)),
      candidates: candidateImageIds.map(() => placeholder(index++)),
      history: Math.max(preferredImageIds.length, nonPreferredImageIds.length),
    });
    samples.push(toShareGptSample(request, text, pictures.map((picture) => picture!.path)));
  }
  const name = `preferthinker_annotated_${queue.id.slice(0, 8)}`;
  files["data.json"] = strToU8(JSON.stringify(samples, null, 2));
  files["dataset_info.json"] = strToU8(JSON.stringify(datasetInfo(name, "data.json"), null, 2));
  if (skipped.length > 0) files["skipped.json"] = strToU8(JSON.stringify(skipped, null, 2));
  return zipSync(files);
}

/** Every annotation (and every reviewer's resolution) of a queue, one JSON object a line. */
export async function exportAnnotationsJsonl(database: Database, queue: AnnotationQueueRecord): Promise<string> {
  const items = await readQueueItems(database, queue.id, queue.requiredAnnotations);
  const lines: unknown[] = [];
  for (const item of items) {
    const common = {
      queueId: queue.id,
      itemId: item.record.id,
      position: item.record.position,
      source: item.record.evaluationResultId ? { evaluationResultId: item.record.evaluationResultId } : { assessmentId: item.record.assessmentId },
      model: item.record.model,
      label: item.record.label,
      prechecks: item.record.precheckCodes,
      state: item.state,
    };
    for (const annotation of item.annotations) {
      lines.push({ kind: "annotation", ...common, annotator: annotation.email, seconds: annotation.seconds, createdAt: annotation.createdAt.toISOString(), ...annotation.body });
    }
    if (item.resolution && item.record.resolvedAt) {
      lines.push({ kind: "resolution", ...common, resolvedAt: item.record.resolvedAt.toISOString(), ...item.resolution });
    }
  }
  return lines.map((line) => JSON.stringify(line)).join("\n") + (lines.length ? "\n" : "");
}
