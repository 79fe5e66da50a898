import "server-only";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import pLimit, { type LimitFunction } from "p-limit";
import { type AppConfig, getConfig } from "@/lib/config";
import {
  addToLibrary,
  findOrCreateImage,
  findUnreferencedHashes,
  getOwnedImageBySha,
  type ImageRecord,
  type LibrarySource,
} from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { claimUploads, deleteDeadUploadClaims, releaseUploadClaims, removeUnlessInUse } from "@/lib/db/image-claims";
import { AppError, toAppError } from "@/lib/errors";
import { FolderImageStore, type ImageStore } from "./image-store";
import { S3ImageStore } from "./s3-image-store";
import { inspectImage } from "./inspect-image";
import { normalizeImage } from "./normalize-image";
import type { ReceivedFile } from "./read-multipart";

/**
 * Taking images in: checked by content, normalised, stored by hash, then
 * recorded. At most `IMAGE_CONCURRENCY` images are decoded at once in the
 * whole process, so memory follows that limit, not the size of a batch.
 */

type Library = { store: ImageStore; limit: LimitFunction; maxPixels: number };

const holderKey = Symbol.for("preferthinker-studio.image-library");
const holder = globalThis as { [holderKey]?: { config: AppConfig; library: Library } };

/** The process's image library, made again only when the configuration is re-read (tests change it). */
export function getImageLibrary(): Library {
  const config = getConfig();
  if (holder[holderKey]?.config !== config)
    holder[holderKey] = {
      config,
      library: {
        store:
          config.imageStore.kind === "s3"
            ? new S3ImageStore(config.imageStore, resolve(config.dataDir, "image-uploads"))
            : new FolderImageStore(resolve(config.imageStore.root)),
        limit: pLimit(config.images.concurrency),
        maxPixels: config.images.maxPixels,
      },
    };
  return holder[holderKey].library;
}

export type IngestResult =
  { name: string; image: ImageRecord; isDuplicate: boolean } | { name: string; error: AppError };

/**
 * One file: the person's own earlier copy of the same bytes is returned as it
 * is (put in their library first if it was only a benchmark's); anything else is checked and normalised in full, even when
 * someone else stored the same bytes, so timing reveals nothing about other
 * people's uploads. Storing is idempotent (same hash, same files). If the
 * row cannot be written, the files stay for the sweep rather than being
 * removed under another upload of the same bytes.
 */
async function ingestOne(
  database: Database,
  library: Library,
  ownerId: string,
  file: Extract<ReceivedFile, { path: string }>,
  librarySource: LibrarySource | null,
  addedAt: Date,
): Promise<IngestResult> {
  try {
    const earlier = await getOwnedImageBySha(database, ownerId, file.sha256);
    if (earlier) {
      const image = librarySource ? await addToLibrary(database, earlier, librarySource, file.name, addedAt) : earlier;
      return { name: file.name, image, isDuplicate: Boolean(earlier.librarySource) || !librarySource };
    }
    const inspected = await inspectImage(file.path, { maxPixels: library.maxPixels });
    const { normalized, thumbnail } = await normalizeImage(file.path, { maxPixels: library.maxPixels });
    await library.store.put(file.sha256, { originalPath: file.path, normalized, thumbnail });
    const { image, isNew } = await findOrCreateImage(
      database,
      {
        ownerId,
        sha256: file.sha256,
        format: inspected.format,
        width: inspected.width,
        height: inspected.height,
        bytes: file.bytes,
        originalName: file.name,
      },
      librarySource,
      addedAt,
    );
    return { name: file.name, image, isDuplicate: !isNew };
  } catch (error) {
    return { name: file.name, error: toAppError(error) };
  } finally {
    await rm(file.path, { force: true });
  }
}

/**
 * Takes in every received file, a few at a time; each gets its own result.
 * `librarySource` says how they enter the person's library; null keeps them
 * out of it (a benchmark's pictures, which only the benchmark reaches).
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
  // Claimed before any file is stored, so no instance's sweep removes these bytes until their rows are written.
  const claims = await claimUploads(
    database,
    files.flatMap((file) => ("error" in file ? [] : [file.sha256])),
  );
  try {
    return await Promise.all(
      files.map((file, index) =>
        "error" in file
          ? Promise.resolve({ name: file.name, error: file.error })
          : library.limit(() => ingestOne(database, library, ownerId, file, librarySource, new Date(arrival + index))),
      ),
    );
  } finally {
    await releaseUploadClaims(database, claims);
  }
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
