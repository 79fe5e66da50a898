import "server-only";
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { settledAnnotation } from "@/lib/annotation/consensus";
import { writeCorrectedOutput } from "@/lib/annotation/corrected-output";
import { datasetInfo, toShareGptSample } from "@/lib/annotation/sharegpt-sample";
import {
  type AnnotationQueueRecord,
  findItemPictureHashes,
  findQueueItemsWithAnnotations,
  type QueueItemWithAnnotations,
} from "@/lib/db/annotation-queues";
import type { Database } from "@/lib/db/open-database";
import { getImageLibrary } from "@/lib/images/image-library";
import { buildAssessmentRequest } from "@/lib/preferthinker/request-builder";
import type { PromptTemplate } from "@/lib/preferthinker/templates/template-schema";
import { createSpoolFile, type SpoolFile } from "@/lib/server/spool-file";
import { exportPageSize, type ReadItem, readQueueItem } from "./read-queue-items";

/**
 * The ShareGPT zip (docs/formats.md) written as it is sent, with fflate's
 * streaming Zip: pictures are stored (they are JPEGs already) and copied from
 * the image store a chunk at a time, each the moment the client has taken the
 * one before.
 *
 * A zip is written one entry after another, so data.json, which names every
 * sample, cannot be written between the pictures. Rather than hold it in
 * memory, or read the database twice (two reads could disagree when someone
 * annotates meanwhile), each page's samples are appended to a temporary file
 * before the page's pictures go out, and that file is sent as the data.json
 * entry after the last picture, then deleted.
 *
 * A page is read, and its items parsed and written to that file one at a
 * time, before any of its pictures is sent: a parsed item is garbage as soon
 * as its sample is written, instead of living (and being promoted to the old
 * generation) for as long as a slow client takes over the pictures. What
 * still grows with the queue: the set of pictures already in the zip (a hash
 * each, so a picture used twice is stored once, as before) and the list of
 * skipped items.
 */

type Skipped = { itemId: string; reason: string };

/** What the zip still needs of a page once its samples are in the spool file. */
type PagePlan = { sampleCount: number; pictures: string[]; skipped: Skipped[]; nextAfterPosition: number | null };

const imageIdsOf = (record: QueueItemWithAnnotations) => [
  ...record.preferredImageIds,
  ...record.nonPreferredImageIds,
  ...record.candidateImageIds,
];
const picturePath = (sha256: string) => `images/${sha256}.jpg`;
const placeholder = (index: number) => ({ url: `https://images.invalid/${index}` });

/** The text an accepted item teaches: the output as written for gold, with the corrections applied otherwise. */
function acceptedText(item: ReadItem, required: number): string | null {
  const settled = settledAnnotation(item.parsed, item.annotations, required, item.resolution);
  if (!settled || settled.verdict === "rejected") return null;
  return settled.verdict === "gold" ? item.record.output : writeCorrectedOutput(item.parsed, settled);
}

/** One sample as an element of data.json's array, indented exactly as JSON.stringify(samples, null, 2) indents it. */
function toArrayElement(item: ReadItem, text: string, template: PromptTemplate, paths: string[]): string {
  const { preferredImageIds, nonPreferredImageIds, candidateImageIds } = item.record;
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
  // "[\n" + element + "\n]": the element, indented one level, without the brackets.
  return JSON.stringify([toShareGptSample(request, text, paths)], null, 2).slice(2, -2);
}

/** Samples' text is written to the spool file in pieces of about this many characters: few writes, little held. */
const spoolPieceLength = 64 * 1024;

/**
 * Reads one page, appends its samples to data.json's spool file, and says
 * which pictures it adds to the zip (added to `inZip` now) and which accepted
 * items it skips because a picture is gone: an item goes out whole or not at
 * all. Items are parsed one at a time and dropped once their sample is
 * written, so a page's parsed items never all live at once.
 */
async function planPage(
  database: Database,
  queue: AnnotationQueueRecord,
  template: PromptTemplate,
  page: { afterPosition?: number; limit: number },
  output: { samples: SpoolFile; samplesBefore: number; inZip: Set<string> },
): Promise<PagePlan> {
  const { samplesBefore, inZip } = output;
  const records = await findQueueItemsWithAnnotations(database, queue.id, page);
  // One read of the page's image rows, not one per picture: a page's pictures recur.
  const hashOf = await findItemPictureHashes(database, [...new Set(records.flatMap(imageIdsOf))]);
  const store = getImageLibrary().store;
  const plan: PagePlan = {
    sampleCount: 0,
    pictures: [],
    skipped: [],
    nextAfterPosition: records.length < page.limit ? null : records.at(-1)!.position,
  };
  let samplesText = "";
  for (const record of records) {
    const item = readQueueItem(record, queue.requiredAnnotations);
    const text = acceptedText(item, queue.requiredAnnotations);
    if (text === null) continue;
    const hashes = imageIdsOf(record).map((id) => hashOf.get(id));
    const added = [...new Set(hashes)].filter((sha256) => sha256 !== undefined && !inZip.has(sha256)) as string[];
    // A picture already in the zip is not looked for again. For the others, the store writes an image's
    // original last, so its presence says the normalised copy is there too.
    const isComplete =
      record.preferredImageIds.length > 0 &&
      record.nonPreferredImageIds.length > 0 &&
      record.candidateImageIds.length === 2 &&
      hashes.every((sha256) => sha256 !== undefined) &&
      (await Promise.all(added.map((sha256) => store.has(sha256)))).every(Boolean);
    if (!isComplete) {
      plan.skipped.push({ itemId: record.id, reason: "its pictures are no longer stored" });
      continue;
    }
    for (const sha256 of added) inZip.add(sha256);
    plan.pictures.push(...added);
    const separator = samplesBefore + plan.sampleCount === 0 ? "\n" : ",\n";
    samplesText +=
      separator +
      toArrayElement(
        item,
        text,
        template,
        hashes.map((sha256) => picturePath(sha256!)),
      );
    plan.sampleCount++;
    if (samplesText.length >= spoolPieceLength) {
      await output.samples.write(samplesText);
      samplesText = "";
    }
  }
  await output.samples.write(samplesText);
  return plan;
}

/** fflate's Zip hands its output to a callback as entries are pushed; this keeps it until the generator passes it on. */
function createZipOutput() {
  const pending: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else if (chunk.length > 0) pending.push(chunk);
  });
  /** The output so far, once; throws what the zip writer reported. */
  const take = (): Uint8Array[] => {
    if (failure) throw failure;
    return pending.splice(0);
  };
  return { zip, take };
}

/** One entry whose bytes come from `chunks`, stored or deflated; its zip output as it is made. */
async function* writeEntry(
  output: ReturnType<typeof createZipOutput>,
  entry: ZipPassThrough | ZipDeflate,
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  output.zip.add(entry);
  for await (const chunk of chunks) {
    entry.push(chunk);
    yield* output.take();
  }
  entry.push(new Uint8Array(0), true);
  yield* output.take();
}

/** A picture's normalised copy, read from the store a chunk at a time. */
async function* readPicture(sha256: string): AsyncGenerator<Uint8Array> {
  const file = await getImageLibrary().store.read(sha256, "normalized");
  // Checked when its page was planned; a picture removed since then cannot be left out any more.
  if (!file) throw new Error(`Picture ${sha256} left the image store during the export.`);
  for await (const chunk of file.stream) yield chunk as Buffer;
}

/** Writes a small entry whole, compressed as zipSync compressed it before. */
function addSmallEntry(zip: Zip, name: string, value: unknown): void {
  const entry = new ZipDeflate(name);
  zip.add(entry);
  entry.push(strToU8(JSON.stringify(value, null, 2)), true);
}

/** The zip's bytes, produced as they are read; stops reading the database when the signal aborts. */
export async function* writeShareGptZip(
  database: Database,
  queue: AnnotationQueueRecord,
  template: PromptTemplate,
  options: { pageSize?: number; signal: AbortSignal },
): AsyncGenerator<Uint8Array> {
  const output = createZipOutput();
  const samples = await createSpoolFile("sharegpt-data");
  const limit = options.pageSize ?? exportPageSize;
  const inZip = new Set<string>();
  const skipped: Skipped[] = [];
  let sampleCount = 0;
  try {
    await samples.write("[");
    let afterPosition: number | null | undefined;
    while (afterPosition !== null) {
      if (options.signal.aborted) return;
      const plan = await planPage(
        database,
        queue,
        template,
        { afterPosition, limit },
        { samples, samplesBefore: sampleCount, inZip },
      );
      sampleCount += plan.sampleCount;
      skipped.push(...plan.skipped);
      afterPosition = plan.nextAfterPosition;
      for (const sha256 of plan.pictures) {
        if (options.signal.aborted) return;
        yield* writeEntry(output, new ZipPassThrough(picturePath(sha256)), readPicture(sha256));
      }
    }
    await samples.write(sampleCount === 0 ? "]" : "\n]");
    yield* writeEntry(output, new ZipDeflate("data.json"), samples.read());
    addSmallEntry(
      output.zip,
      "dataset_info.json",
      datasetInfo(`preferthinker_annotated_${queue.id.slice(0, 8)}`, "data.json"),
    );
    if (skipped.length > 0) addSmallEntry(output.zip, "skipped.json", skipped);
    output.zip.end();
    yield* output.take();
  } finally {
    await samples.remove();
  }
}
