import "server-only";
import { findOwnedImages } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import type { TasteSessionRecord } from "@/lib/db/taste-sessions";
import { AppError } from "@/lib/errors";
import { measureImage } from "@/lib/inference/baseline/measure-image";
import { readStoredImage } from "@/lib/server/assessments/run-assessment";
import { createBaselineFeatureVectors } from "@/lib/taste/baseline-features";

/**
 * A quiz's feature vectors: the baseline's statistics of each pool picture
 * (measured once per image hash by measureImage), standardised over the
 * pool. Computed once per session and process; a restart recomputes them
 * from measureImage's own cache or the stored pictures, and gets the same
 * vectors, since the pool and its order are fixed in the session.
 */

const cacheLimit = 256;
const cacheKey = Symbol.for("preferthinker-studio.taste-features");
const holder = globalThis as { [cacheKey]?: Map<string, Promise<number[][]>> };
const cache = (holder[cacheKey] ??= new Map());

async function measurePool(database: Database, session: TasteSessionRecord): Promise<number[][]> {
  const images = new Map(
    (await findOwnedImages(database, session.ownerId, session.imageIds)).map((image) => [image.id, image]),
  );
  const statistics = await Promise.all(
    session.imageIds.map((id) => {
      const image = images.get(id);
      // A picture removed for good since the start: the pool's order is the model's, so the quiz cannot go on without it.
      if (!image) throw new AppError("conflict", "A picture of this quiz is no longer stored. Start a new quiz.");
      return measureImage(readStoredImage(image));
    }),
  );
  return createBaselineFeatureVectors(statistics);
}

/** The pool's feature vectors, in the order of `session.imageIds`. */
export async function readTasteFeatures(database: Database, session: TasteSessionRecord): Promise<number[][]> {
  const known = cache.get(session.id);
  if (known) return known;
  const measuring = measurePool(database, session);
  cache.set(session.id, measuring);
  // A failure is not remembered: the next request tries again.
  measuring.catch(() => cache.delete(session.id));
  if (cache.size > cacheLimit) cache.delete(cache.keys().next().value!);
  return measuring;
}
