import "server-only";
import sharp from "sharp";
import type { ProviderImage } from "../assessment-provider";
import { ANALYSIS_SIZE, type ImageFeatures, measureImageFeatures } from "./image-features";

/**
 * Measures an image's features on a small copy, remembering them by the
 * image's content hash: a person's references recur across assessments, and
 * the same bytes always measure the same.
 */

const cacheLimit = 4096;
const cacheKey = Symbol.for("preferthinker-studio.baseline-features");
const holder = globalThis as { [cacheKey]?: Map<string, ImageFeatures> };
const cache = (holder[cacheKey] ??= new Map());

export async function measureImage(image: ProviderImage): Promise<ImageFeatures> {
  const known = cache.get(image.sha256);
  if (known) {
    // Refresh its place: the map's order is the eviction order.
    cache.delete(image.sha256);
    cache.set(image.sha256, known);
    return known;
  }
  const pixels = await sharp(await image.readBytes())
    .flatten({ background: "#ffffff" })
    .resize(ANALYSIS_SIZE, ANALYSIS_SIZE, { fit: "fill" })
    .removeAlpha()
    .toColourspace("srgb")
    .raw()
    .toBuffer();
  const features = measureImageFeatures(
    new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength),
    ANALYSIS_SIZE,
    ANALYSIS_SIZE,
  );
  cache.set(image.sha256, features);
  if (cache.size > cacheLimit) cache.delete(cache.keys().next().value!);
  return features;
}

/** Forgets every measured image (benchmarks measure the cold path with it). */
export function clearMeasuredImages(): void {
  cache.clear();
}
