import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import sharp from "sharp";
import { createAnnotationQueue, type NewAnnotationItem } from "@/lib/db/annotation-queues";
import { findOrCreateImage } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import type { ImageStore } from "@/lib/images/image-store";

/**
 * Annotation queues whose items are all accepted, made straight in the
 * database and the image store (no uploads, no claims): what the export
 * tests and bench/limits-exports.ts need in thousands, in seconds.
 */

/** A PreferThinker output every check passes (the parser's clean fixture, as the annotation tests use), taught as written when gold. */
export const acceptedOutput = readFileSync(resolve("lib/preferthinker/__fixtures__/clean-a.txt"), "utf8");

/** Every judgment "right", no score changed: the output is taught as written. */
export const goldBody = () => {
  const profile = Array.from({ length: 5 }, () => ({ judgment: "right", correction: null }));
  const scores = Array.from({ length: 5 }, () => ({ corrected: null, flags: [], rationale: null }));
  return {
    profile: { preference: profile, nonPreference: profile },
    scores: { A: scores, B: scores },
    verdict: "gold",
    comment: null,
  };
};

/**
 * `count` distinct JPEGs of random noise (which JPEG cannot shrink much, so
 * each weighs tens of kilobytes at `side` pixels), stored as the image store
 * keeps uploads and recorded as the owner's images; their ids.
 */
export async function seedPictures(
  database: Database,
  store: ImageStore,
  ownerId: string,
  count: number,
  side = 96,
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const jpeg = await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const sha256 = createHash("sha256").update(jpeg).digest("hex");
    const originalPath = await store.temporaryPath();
    await writeFile(originalPath, jpeg);
    // The normalised copy is what exports send; these already are plain JPEGs, so it is the same bytes.
    await store.put(sha256, { originalPath, normalized: jpeg, thumbnail: jpeg });
    const { image } = await findOrCreateImage(
      database,
      {
        ownerId,
        sha256,
        format: "jpeg",
        width: side,
        height: side,
        bytes: jpeg.byteLength,
        originalName: `noise-${index}.jpg`,
      },
      "upload",
    );
    ids.push(image.id);
  }
  return ids;
}

/**
 * A queue of `items` items, each with two preferred, two non-preferred and
 * two candidate pictures taken in turn from `pictureIds` (so a picture is
 * used by several items), one annotation each, all gold from `annotatorId`.
 */
export async function seedAcceptedQueue(
  database: Database,
  input: { ownerId: string; annotatorId: string; pictureIds: string[]; items: number; name?: string },
): Promise<string> {
  const pick = (index: number) => input.pictureIds[index % input.pictureIds.length]!;
  const items: NewAnnotationItem[] = Array.from({ length: input.items }, (_, index) => ({
    evaluationResultId: null,
    assessmentId: null,
    model: "preferthinker-7b",
    output: acceptedOutput,
    label: "Image A",
    preferredImageIds: [pick(index * 6), pick(index * 6 + 1)],
    nonPreferredImageIds: [pick(index * 6 + 2), pick(index * 6 + 3)],
    candidateImageIds: [pick(index * 6 + 4), pick(index * 6 + 5)],
    precheckCodes: [],
  }));
  const queue = await createAnnotationQueue(
    database,
    {
      ownerId: input.ownerId,
      name: input.name ?? `accepted ${input.items}`,
      filter: {},
      requiredAnnotations: 1,
      annotatorIds: [],
    },
    items,
  );
  // Every slot submitted with a gold annotation, in one statement: what claims and submits would leave behind.
  await database.prisma.$executeRaw`
    WITH done AS (
      UPDATE annotation_slot SET annotator_id = ${input.annotatorId}::uuid, claimed_at = now(), submitted_at = now(), is_open = false
      WHERE queue_id = ${queue.id}::uuid RETURNING id, item_id)
    INSERT INTO annotation (id, slot_id, item_id, annotator_id, verdict, body, seconds, created_at)
    SELECT gen_random_uuid(), done.id, done.item_id, ${input.annotatorId}::uuid, 'gold', ${JSON.stringify(goldBody())}::jsonb, 30, now() FROM done`;
  return queue.id;
}
