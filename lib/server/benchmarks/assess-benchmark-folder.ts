import "server-only";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import pLimit from "p-limit";
import type { AssessmentProvider, ProviderImage } from "@/lib/inference/assessment-provider";
import { type BenchmarkSample, type BenchmarkSubset, benchmarkSubsets, findSubset, readBenchmarkSamples } from "@/lib/preferthinker/benchmark-format";
import { pythonShuffle } from "@/lib/preferthinker/python-random";
import { scoreOutput } from "@/lib/preferthinker/score-output";
import type { PromptTemplate } from "@/lib/preferthinker/templates/template-schema";
import type { AssessmentMode, ParsedAssessment } from "@/lib/preferthinker/types";

/**
 * Runs an assessor over benchmark files on disk (PreferImg-Bench's layout,
 * `data/<SUBSET>/<SUBSET>.json` with pictures under `images/`, or one data
 * file and a pictures folder), in the official order (shuffled with seed
 * 42), a few samples at once, reporting each outcome as it finishes.
 */

/** One benchmark file and where its image paths may point. */
export type BenchmarkSource = { subset: BenchmarkSubset | null; label: string; dataFile: string; imageRoots: string[] };

export type SampleOutcome = {
  source: BenchmarkSource;
  sample: BenchmarkSample;
  /** Position in the official order. */
  order: number;
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

/** The sources of a benchmark folder's subsets. */
export function folderSources(folder: string, subsets: BenchmarkSubset[]): BenchmarkSource[] {
  return subsets.map((subset) => ({ subset, label: subset, dataFile: join(folder, "data", subset, `${subset}.json`), imageRoots: [join(folder, "images"), join(folder, "data", subset), folder] }));
}

/** The source of a single data file whose image paths are relative to `imagesDir`. */
export function fileSource(dataFile: string, imagesDir: string): BenchmarkSource {
  const subset = findSubset(basename(dataFile));
  return { subset, label: subset ?? basename(dataFile), dataFile, imageRoots: [imagesDir, dirname(dataFile)] };
}

/** A source's samples in the official order; a file with any unusable sample is refused whole, naming it. */
export async function readSourceSamples(source: BenchmarkSource): Promise<BenchmarkSample[]> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(source.dataFile, "utf8"));
  } catch (error) {
    throw new Error(`${source.dataFile}: ${(error as Error).message}`);
  }
  const { samples, rejected } = readBenchmarkSamples(data);
  if (rejected.length > 0) {
    const first = rejected[0]!;
    throw new Error(`${source.dataFile}: ${rejected.length} unusable sample(s); first: sample ${first.index}: ${first.field}: ${first.reason}`);
  }
  return pythonShuffle(samples, 42);
}

async function readImage(source: BenchmarkSource, relative: string): Promise<ProviderImage> {
  const path = source.imageRoots.map((root) => join(root, relative)).find((place) => existsSync(place));
  if (!path) throw new Error(`image ${relative} is not under ${source.imageRoots.join(", ")}`);
  const bytes = await readFile(path);
  return { sha256: createHash("sha256").update(bytes).digest("hex"), bytes };
}

export type AssessBenchmarkOptions = {
  sources: BenchmarkSource[];
  provider: AssessmentProvider;
  template: PromptTemplate;
  mode: Exclude<AssessmentMode, "single">;
  /** Per source, the first samples in the official order. */
  limit?: number;
  /** References used per side, the first ones of each list (the official evaluation uses 5). */
  history?: number;
  /** Samples assessed at once. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Told the number of samples of each source before its first outcome. */
  onSource?: (source: BenchmarkSource, total: number) => void;
};

export async function* assessBenchmark(options: AssessBenchmarkOptions): AsyncGenerator<SampleOutcome> {
  const signal = options.signal ?? new AbortController().signal;
  const history = options.history ?? 5;
  const limit = pLimit(Math.max(1, options.concurrency ?? 1));
  for (const source of options.sources) {
    const samples = (await readSourceSamples(source)).slice(0, options.limit);
    options.onSource?.(source, samples.length);
    const assess = async (sample: BenchmarkSample, order: number): Promise<SampleOutcome> => {
      const started = performance.now();
      const read = (list: string[]) => Promise.all(list.map((path) => readImage(source, path)));
      const [preferred, nonPreferred, candidates] = await Promise.all([read(sample.prefered_images.slice(0, history)), read(sample.non_prefered_images.slice(0, history)), read([sample.imageA, sample.imageB])]);
      const prepared = await options.provider.prepare({ mode: options.mode, template: options.template, preferred, nonPreferred, candidates });
      let output = "";
      for await (const event of prepared.stream(signal)) if (event.type === "delta") output += event.text;
      const { parsed, strictCorrect } = scoreOutput(output, sample.label, options.mode);
      return { source, sample, order, output, parsed, strictCorrect, milliseconds: performance.now() - started };
    };
    // Outcomes come out as they finish; at most `concurrency` are in flight.
    const pending = new Map<number, Promise<{ order: number; outcome: SampleOutcome }>>();
    let next = 0;
    const fill = () => {
      while (next < samples.length && pending.size < Math.max(1, options.concurrency ?? 1)) {
        const order = next++;
        pending.set(order, limit(() => assess(samples[order]!, order)).then((outcome) => ({ order, outcome })));
      }
    };
    fill();
    while (pending.size > 0) {
      const { order, outcome } = await Promise.race(pending.values());
      pending.delete(order);
      fill();
      yield outcome;
    }
  }
}
