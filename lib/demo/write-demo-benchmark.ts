import "server-only";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import pLimit from "p-limit";
import sharp from "sharp";
import { MersenneTwister } from "@/lib/preferthinker/python-random";
import { DEMO_IMAGE_SIZE, renderDemoImage } from "./render-demo-image";
import {
  type DemoSample,
  demoSubsetSizes,
  describeProfiles,
  type ImageSpec,
  simulateDemoSamples,
} from "./simulate-users";

/**
 * Writes the demo benchmark in PreferImg-Bench's layout:
 * `data/<SUBSET>/<SUBSET>.json` and the pictures under `images/`, with image
 * paths relative to `images/`. The same seed gives the same files, byte for
 * byte; a folder already holding this seed's benchmark is left alone.
 */

export const DEMO_SEED = 20260101;
/** Raised when the generator changes what it writes, so an old demo folder is rebuilt. */
export const DEMO_GENERATOR_VERSION = 1;

export type DemoManifest = { seed: number; generatorVersion: number; samples: number; images: number; bytes: number };

const manifestName = "demo-manifest.json";

function toBenchmarkEntry(sample: DemoSample) {
  return {
    imageA: sample.imageA.file,
    imageB: sample.imageB.file,
    prefered_images: sample.preferred.map((image) => image.file),
    non_prefered_images: sample.nonPreferred.map((image) => image.file),
    conversations: [{ from: "gpt", value: sample.label }],
    user_id: sample.userId,
    prefer_attributes: describeProfiles(sample.preferenceProfiles),
    non_prefer_attributes: describeProfiles([sample.nonPreferenceProfile]),
    prefer_profiles: sample.preferenceProfiles.map((profile) => describeProfiles([profile])),
  };
}

async function writeImage(folder: string, image: ImageSpec): Promise<number> {
  const pixels = renderDemoImage(image.profile, new MersenneTwister(image.seed));
  const jpeg = await sharp(pixels, { raw: { width: DEMO_IMAGE_SIZE, height: DEMO_IMAGE_SIZE, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  const path = join(folder, "images", image.file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, jpeg);
  return jpeg.length;
}

/** The manifest of the demo benchmark in `folder`, if one was written there completely. */
export async function readDemoManifest(folder: string): Promise<DemoManifest | null> {
  try {
    return JSON.parse(await readFile(join(folder, manifestName), "utf8")) as DemoManifest;
  } catch {
    return null;
  }
}

export async function writeDemoBenchmark(
  folder: string,
  options: { seed?: number; sizes?: typeof demoSubsetSizes; onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoManifest & { isNew: boolean }> {
  const seed = options.seed ?? DEMO_SEED;
  const existing = await readDemoManifest(folder);
  if (existing && existing.seed === seed && existing.generatorVersion === DEMO_GENERATOR_VERSION)
    return { ...existing, isNew: false };

  // Written beside the target and moved into place at the end, so a stopped run leaves no half benchmark.
  const staging = `${folder}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const samples = simulateDemoSamples(seed, options.sizes);
  const images = samples.flatMap((sample) => [
    ...sample.preferred,
    ...sample.nonPreferred,
    sample.imageA,
    sample.imageB,
  ]);
  const limit = pLimit(4);
  let done = 0;
  const sizes = await Promise.all(
    images.map((image) =>
      limit(async () => {
        const bytes = await writeImage(staging, image);
        options.onProgress?.(++done, images.length);
        return bytes;
      }),
    ),
  );
  const subsets = [...new Set(samples.map((sample) => sample.subset))];
  for (const subset of subsets) {
    const path = join(staging, "data", subset, `${subset}.json`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(
      path,
      JSON.stringify(samples.filter((sample) => sample.subset === subset).map(toBenchmarkEntry), null, 1) + "\n",
    );
  }
  const manifest: DemoManifest = {
    seed,
    generatorVersion: DEMO_GENERATOR_VERSION,
    samples: samples.length,
    images: images.length,
    bytes: sizes.reduce((sum, size) => sum + size, 0),
  };
  await writeFile(join(staging, manifestName), JSON.stringify(manifest, null, 2) + "\n");
  if (existsSync(folder)) await rm(folder, { recursive: true, force: true });
  await mkdir(dirname(folder), { recursive: true });
  await rename(staging, folder);
  return { ...manifest, isNew: true };
}
