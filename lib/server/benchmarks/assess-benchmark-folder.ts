import "server-only";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AssessmentProvider, ProviderImage } from "@/lib/inference/assessment-provider";
import { type BenchmarkSample, type BenchmarkSubset, benchmarkSubsets, readBenchmarkSamples } from "@/lib/preferthinker/benchmark-format";
import { isStrictCorrect } from "@/lib/preferthinker/official";
import { pythonShuffle } from "@/lib/preferthinker/python-random";
import { parseAssessment } from "@/lib/preferthinker/stream-parser";
import type { PromptTemplate } from "@/lib/preferthinker/templates/template-schema";
import type { AssessmentMode, ParsedAssessment } from "@/lib/preferthinker/types";

/**
 * Runs an assessor over a benchmark folder in PreferImg-Bench's layout
 * (`data/<SUBSET>/<SUBSET>.json`, images under `images/`), one sample at a
 * time, in the official order (shuffled with seed 42), reporting each
 * outcome as it comes.
 */

export type SampleOutcome = {
  subset: BenchmarkSubset;
  sample: BenchmarkSample;
  output: string;
  parsed: ParsedAssessment;
  strictCorrect: boolean;
  milliseconds: number;
};

/** The subsets present in a benchmark folder, in the paper's order. */
export function findBenchmarkSubsets(folder: string): BenchmarkSubset[] {
  const dataFolder = join(folder, "data");
  if (!existsSync(dataFolder)) throw new Error(`${folder} has no data/ folder: a benchmark folder holds data/<SUBSET>/<SUBSET>.json and images/`);
  const present = new Set(readdirSync(dataFolder));
  return benchmarkSubsets.filter((subset) => present.has(subset) && existsSync(join(dataFolder, subset, `${subset}.json`)));
}

export async function readSubsetSamples(folder: string, subset: BenchmarkSubset): Promise<BenchmarkSample[]> {
  const path = join(folder, "data", subset, `${subset}.json`);
  const { samples, rejected } = readBenchmarkSamples(JSON.parse(await readFile(path, "utf8")));
  if (rejected.length > 0) {
    const first = rejected[0]!;
    throw new Error(`${path}: ${rejected.length} unusable sample(s); first: sample ${first.index}: ${first.field}: ${first.reason}`);
  }
  return pythonShuffle(samples, 42);
}

async function readImage(folder: string, subset: BenchmarkSubset, relative: string): Promise<ProviderImage> {
  const places = [join(folder, "images", relative), join(folder, "data", subset, relative), join(folder, relative)];
  const path = places.find((place) => existsSync(place));
  if (!path) throw new Error(`image ${relative} is not under ${folder}/images, ${folder}/data/${subset} or ${folder}`);
  const bytes = await readFile(path);
  return { sha256: createHash("sha256").update(bytes).digest("hex"), bytes };
}

export async function* assessBenchmarkFolder(options: {
  folder: string;
  subsets: BenchmarkSubset[];
  provider: AssessmentProvider;
  template: PromptTemplate;
  mode: Exclude<AssessmentMode, "single">;
  /** Per subset, the first samples in the official order. */
  limit?: number;
  signal?: AbortSignal;
}): AsyncGenerator<SampleOutcome> {
  const signal = options.signal ?? new AbortController().signal;
  for (const subset of options.subsets) {
    const samples = (await readSubsetSamples(options.folder, subset)).slice(0, options.limit);
    for (const sample of samples) {
      const started = performance.now();
      const read = (list: string[]) => Promise.all(list.slice(0, 5).map((path) => readImage(options.folder, subset, path)));
      const [preferred, nonPreferred, candidates] = await Promise.all([read(sample.prefered_images), read(sample.non_prefered_images), read([sample.imageA, sample.imageB])]);
      const prepared = await options.provider.prepare({ mode: options.mode, template: options.template, preferred, nonPreferred, candidates });
      let output = "";
      for await (const event of prepared.stream(signal)) if (event.type === "delta") output += event.text;
      yield {
        subset,
        sample,
        output,
        parsed: parseAssessment(output, options.mode),
        strictCorrect: isStrictCorrect(output, sample.label),
        milliseconds: performance.now() - started,
      };
    }
  }
}
