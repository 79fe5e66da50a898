import "server-only";
import { findLibraryImagesById, type ImageRecord } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { AppError } from "@/lib/errors";

/**
 * The person's library images with these ids, by id; a 404 naming those that
 * are not in their library (someone else's, a benchmark's, or removed).
 */
export async function requireLibraryImages(
  database: Database,
  ownerId: string,
  ids: string[],
): Promise<Map<string, ImageRecord>> {
  const owned = new Map((await findLibraryImagesById(database, ownerId, ids)).map((image) => [image.id, image]));
  const missing = [...new Set(ids.filter((id) => !owned.has(id)))];
  if (missing.length > 0)
    throw new AppError("not_found", `These images are not in your library: ${missing.join(", ")}.`);
  return owned;
}
