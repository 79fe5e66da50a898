import "server-only";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import pLimit, { type LimitFunction } from "p-limit";
import { type AppConfig, getConfig } from "@/lib/config";
import {
  addToLibrary,
  createImages,
  findOrCreateImage,
  findOwnedImagesBySha,
  findUnreferencedHashes,
  type ImageRecord,
  type LibrarySource,
  type NewImage,
} from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { claimUploads, deleteDeadUploadClaims, releaseUploadClaims, removeUnlessInUse } from "@/lib/db/image-claims";
import { AppError, toAppError } from "@/lib/errors";
import { DecodeBudget } from "./decode-budget";
import { FolderImageStore, type ImageStore } from "./image-store";
import { S3ImageStore } from "./s3-image-store";
import { inspectImage } from "./inspect-image";
import { normalizeImage } from "./normalize-image";
import type { ReceivedFile } from "./read-multipart";

/**
 * Taking images in: checked by content, normalised, stored by hash, then
 * recorded. Decoding goes through the process's DecodeBudget
 * (`IMAGE_CONCURRENCY` large pictures at once, several small ones to a
 * place), so memory follows that limit, not the size of a batch; `limit`
 * bounds the files being taken in at all (headers read, files written).
 */

type Library = { store: ImageStore; limit: LimitFunction; decodes: DecodeBudget; maxPixels: number };

const holderKey = Symbol.for("preferthinker-studio.image-library");
const holder = globalThis as { [holderKey]?: { config: AppConfig; library: Library } };

function makeLibrary(config: AppConfig): Library {
  const decodes = new DecodeBudget(config.images.concurrency, config.images.maxPixels);
  return {
    store:
      config.imageStore.kind === "s3"
        ? new S3ImageStore(config.imageStore, resolve(config.dataDir, "image-uploads"))
        : new FolderImageStore(resolve(config.imageStore.root)),
    limit: pLimit(decodes.mostAtOnce),
    decodes,
    maxPixels: config.images.maxPixels,
  };
}

/** The process's image library, made again only when the configuration is re-read (tests change it). */
export function getImageLibrary(): Library {
  const config = getConfig();
  if (holder[holderKey]?.config !== config) holder[holderKey] = { config, library: makeLibrary(config) };
  return holder[holderKey].library;
}

export type IngestResult =
  { name: string; image: ImageRecord; isDuplicate: boolean } | { name: string; error: AppError };

/** What taking one file in came to before its row is written: an earlier copy of the person's, or files stored for a new row. */
type Taken =
  | { kind: "earlier"; result: IngestResult }
  | { kind: "stored"; image: NewImage & { addedAt: Date } }
  | { kind: "failed"; result: IngestResult };

/**
 * One file: the person's own earlier copy of the same bytes is returned as it
 * is (put in their library first if it was only a benchmark's); anything
 * else is checked, normalised and stored in full, even when someone else
 * stored the same bytes, so timing reveals nothing about other people's
 * uploads. Storing is idempotent (same hash, same files). Its row is written
 * with the others of the batch.
 */
async function takeOne(
  database: Database,
  library: Library,
  ownerId: string,
  file: Extract<ReceivedFile, { path: string }>,
  earlier: ImageRecord | undefined,
  librarySource: LibrarySource | null,
  addedAt: Date,
): Promise<Taken> {
  try {
    if (earlier) {
      const image = librarySource ? await addToLibrary(database, earlier, librarySource, file.name, addedAt) : earlier;
      return {
        kind: "earlier",
        result: { name: file.name, image, isDuplicate: Boolean(earlier.librarySource) || !librarySource },
      };
    }
    const inspected = await inspectImage(file.path, { maxPixels: library.maxPixels });
    const { normalized, thumbnail } = await library.decodes.run(inspected.width * inspected.height, () =>
      normalizeImage(file.path, { maxPixels: library.maxPixels }),
    );
    await library.store.put(file.sha256, { originalPath: file.path, normalized, thumbnail });
    return {
      kind: "stored",
      image: {
        ownerId,
        sha256: file.sha256,
        format: inspected.format,
        width: inspected.width,
        height: inspected.height,
        bytes: file.bytes,
        originalName: file.name,
        addedAt,
      },
    };
  } catch (error) {
    return { kind: "failed", result: { name: file.name, error: toAppError(error) } };
  } finally {
    await rm(file.path, { force: true });
  }
}

/**
 * Takes in every received file, a few at a time; each gets its own result.
 * `librarySource` says how they enter the person's library; null keeps them
 * out of it (a benchmark's pictures, which only the benchmark reaches). The
 * database is asked once for the person's earlier copies and written once
 * for the new rows, whatever the number of files. If the rows cannot be
 * written, the stored files stay for the sweep rather than being removed
 * under another upload of the same bytes.
 */
export async function ingestFiles(
  database: Database,
  ownerId: string,
  files: ReceivedFile[],
  librarySource: LibrarySource | null,
): Promise<IngestResult[]> {
  const library = getImageLibrary();
  // Files are decoded several at a time and finish in any order; their library time follows the order they were
  // sent in (a millisecond apart), so "newest first" shows the last file of an upload first, every time.
  const arrival = Date.now();
  const hashes = files.flatMap((file) => ("error" in file ? [] : [file.sha256]));
  // Claimed before any file is stored, so no instance's sweep removes these bytes until their rows are written.
  const claims = await claimUploads(database, hashes);
  try {
    const earlier = await findOwnedImagesBySha(database, ownerId, hashes);
    const taken = await Promise.all(
      files.map((file, index): Promise<Taken> | Taken =>
        "error" in file
          ? { kind: "failed", result: { name: file.name, error: file.error } }
          : library.limit(() =>
              takeOne(
                database,
                library,
                ownerId,
                file,
                earlier.get(file.sha256),
                librarySource,
                new Date(arrival + index),
              ),
            ),
      ),
    );
    return await recordStored(database, taken, librarySource);
  } finally {
    await releaseUploadClaims(database, claims);
  }
}

/** Writes the rows of the stored files (the same bytes twice in one batch make one row) and gives every file its result. */
async function recordStored(
  database: Database,
  taken: Taken[],
  librarySource: LibrarySource | null,
): Promise<IngestResult[]> {
  const firstOfHash = new Map<string, NewImage & { addedAt: Date }>();
  for (const entry of taken)
    if (entry.kind === "stored" && !firstOfHash.has(entry.image.sha256))
      firstOfHash.set(entry.image.sha256, entry.image);
  let created: Map<string, ImageRecord>;
  try {
    created = new Map(
      (await createImages(database, [...firstOfHash.values()], librarySource)).map((row) => [row.sha256, row]),
    );
  } catch (error) {
    const failure = toAppError(error);
    return taken.map((entry) =>
      entry.kind === "stored" ? { name: entry.image.originalName, error: failure } : entry.result,
    );
  }
  const reported = new Set<string>();
  return Promise.all(
    taken.map(async (entry): Promise<IngestResult> => {
      if (entry.kind !== "stored") return entry.result;
      const { addedAt, ...image } = entry.image;
      const { sha256, originalName: name } = image;
      const row = created.get(sha256);
      if (row) {
        // The first file of these bytes made the row; a second in the same batch is its duplicate.
        const isDuplicate = reported.has(sha256);
        reported.add(sha256);
        return { name, image: row, isDuplicate };
      }
      // Another upload of the same bytes by the same person wrote the row first.
      try {
        const found = await findOrCreateImage(database, image, librarySource, addedAt);
        return { name, image: found.image, isDuplicate: true };
      } catch (error) {
        return { name, error: toAppError(error) };
      }
    }),
  );
}

/**
 * Removes what a crash or a failed request left behind: temporary files
 * older than an hour, and stored images no row refers to whose files are
 * older than an hour. Each removal happens under the bytes' advisory lock and
 * skips bytes that an upload on any instance has claimed (lib/db/image-claims.ts).
 */
export async function sweepImageStore(
  database: Database,
  olderThanMs = 60 * 60 * 1000,
): Promise<{ temporary: number; images: number }> {
  const { store } = getImageLibrary();
  const temporary = await store.sweepTemporary(olderThanMs);
  await deleteDeadUploadClaims(database);
  const old = (await store.list())
    .filter((entry) => Date.now() - entry.modifiedAt.getTime() > olderThanMs)
    .map((entry) => entry.sha256);
  let removed = 0;
  for (const sha256 of await findUnreferencedHashes(database, old)) {
    if (await removeUnlessInUse(database, sha256, () => store.remove(sha256))) removed++;
  }
  return { temporary, images: removed };
}
