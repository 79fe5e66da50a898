import "server-only";
import { readFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { getConfig } from "@/lib/config";
import type { DemoOverview, DemoSampleJson } from "@/lib/demo/demo-contract";
import { readDemoManifest } from "@/lib/demo/write-demo-benchmark";
import { AppError } from "@/lib/errors";
import { type BenchmarkSubset, benchmarkSubsets, readBenchmarkSamples } from "@/lib/preferthinker/benchmark-format";

/**
 * The demo benchmark on disk, read once per process (it never changes while
 * the server runs: the launcher writes it before the server starts).
 */

export type DemoBenchmark = { seed: number; folder: string; samples: Map<BenchmarkSubset, DemoSampleJson[]> };

const holderKey = Symbol.for("preferthinker-studio.demo-benchmark");
const holder = globalThis as { [holderKey]?: Promise<DemoBenchmark | null> };

async function load(folder: string): Promise<DemoBenchmark | null> {
  const manifest = await readDemoManifest(folder);
  if (!manifest) return null;
  const samples = new Map<BenchmarkSubset, DemoSampleJson[]>();
  for (const subset of benchmarkSubsets) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(join(folder, "data", subset, `${subset}.json`), "utf8"));
    } catch {
      continue;
    }
    const read = readBenchmarkSamples(data);
    samples.set(
      subset,
      read.samples.map((sample) => ({
        subset,
        index: sample.index,
        userId: String(sample.user_id ?? sample.index),
        label: sample.label,
        preferAttributes: (sample.prefer_attributes ?? {}) as Record<string, string>,
        nonPreferAttributes: (sample.non_prefer_attributes ?? {}) as Record<string, string>,
        images: {
          preferred: sample.prefered_images,
          nonPreferred: sample.non_prefered_images,
          imageA: sample.imageA,
          imageB: sample.imageB,
        },
      })),
    );
  }
  return { seed: manifest.seed, folder, samples };
}

/** The demo benchmark, or null when it was turned off or not written (yet). A missing one is looked for again next time. */
export async function getDemoBenchmark(): Promise<DemoBenchmark | null> {
  const { demo } = getConfig();
  if (!demo.enabled) return null;
  const loading = (holder[holderKey] ??= load(resolve(demo.folder)));
  const loaded = await loading;
  if (!loaded) holder[holderKey] = undefined;
  return loaded;
}

export async function getDemoOverview(): Promise<DemoOverview> {
  const demo = await getDemoBenchmark();
  if (!demo) return { available: false, seed: null, subsets: [] };
  return {
    available: true,
    seed: demo.seed,
    subsets: [...demo.samples].map(([subset, samples]) => ({ subset, samples: samples.length })),
  };
}

export async function getDemoSample(
  subset: BenchmarkSubset,
  index: number,
): Promise<{ demo: DemoBenchmark; sample: DemoSampleJson }> {
  const demo = await getDemoBenchmark();
  if (!demo)
    throw new AppError(
      "not_found",
      "The demo benchmark is not available on this installation (DEMO_DATA=off, or it was not written).",
    );
  const sample = demo.samples.get(subset)?.find((candidate) => candidate.index === index);
  if (!sample) throw new AppError("not_found", `The demo benchmark has no sample ${index} in ${subset}.`);
  return { demo, sample };
}

/** The absolute path of a demo picture, or null if the path leaves the images folder or is not a picture. */
export function resolveDemoImagePath(demo: DemoBenchmark, relative: string): string | null {
  const root = resolve(demo.folder, "images");
  const path = resolve(root, relative);
  if (!path.startsWith(root + sep) || !/\.jpg$/i.test(path)) return null;
  return path;
}
