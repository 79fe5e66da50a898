import "server-only";
import { randomBytes } from "node:crypto";
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

const isCurrent = (manifest: DemoManifest | null, seed: number): manifest is DemoManifest =>
  manifest !== null && manifest.seed === seed && manifest.generatorVersion === DEMO_GENERATOR_VERSION;

export async function writeDemoBenchmark(
  folder: string,
  options: { seed?: number; sizes?: typeof demoSubsetSizes; onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoManifest & { isNew: boolean }> {
  const seed = options.seed ?? DEMO_SEED;
  const existing = await readDemoManifest(folder);
  if (isCurrent(existing, seed)) return { ...existing, isNew: false };

  // Written beside the target and moved into place at the end, so a stopped run leaves no half benchmark;
  // named for this process and a random part, so two processes writing at once never share one.
  const staging = `${folder}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
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
  return moveIntoPlace(staging, folder, manifest);
}

/**
 * Moves the finished staging folder to `folder` with one rename, so readers
 * see no benchmark or a whole one. An outdated benchmark is first renamed
 * aside. When another process got there first (the rename finds a folder in
 * the way), its benchmark is the same for the same seed: this one is dropped.
 * Only where two processes replace an outdated benchmark at once may both
 * say they wrote it; the folder ends whole either way.
 */
async function moveIntoPlace(
  staging: string,
  folder: string,
  manifest: DemoManifest,
): Promise<DemoManifest & { isNew: boolean }> {
  await mkdir(dirname(folder), { recursive: true });
  const existing = await readDemoManifest(folder);
  if (isCurrent(existing, manifest.seed)) {
    await rm(staging, { recursive: true, force: true });
    return { ...existing, isNew: false };
  }
  // Only a benchmark seen to be outdated is moved aside: a missing one may be arriving from another process.
  const outdated = existing ? `${folder}.outdated-${process.pid}-${randomBytes(4).toString("hex")}` : undefined;
  if (outdated) {
    await rename(folder, outdated).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  try {
    await rename(staging, folder);
    return { ...manifest, isNew: true };
  } catch (error) {
    const winner = await readDemoManifest(folder);
    if (!isCurrent(winner, manifest.seed)) throw error;
    await rm(staging, { recursive: true, force: true });
    return { ...winner, isNew: false };
  } finally {
    if (outdated) await rm(outdated, { recursive: true, force: true });
  }
}
