import "server-only";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type AssessmentProvider, imageInMemory, type ProviderImage } from "@/lib/inference/assessment-provider";
import {
  type BenchmarkSample,
  type BenchmarkSubset,
  benchmarkSubsets,
  findSubset,
  readBenchmarkSamples,
} from "@/lib/preferthinker/benchmark-format";
import { pythonShuffle } from "@/lib/preferthinker/python-random";
import type { PromptTemplate } from "@/lib/preferthinker/templates/template-schema";
import type { AssessmentMode, ParsedAssessment } from "@/lib/preferthinker/types";
import { evaluateSamples, type ResultSink, type SampleSource, takeInOrder } from "./evaluation-engine";

/**
 * Runs an assessor over benchmark files on disk (PreferImg-Bench's layout,
 * `data/<SUBSET>/<SUBSET>.json` with pictures under `images/`, or one data
 * file and a pictures folder), in the official order (shuffled with seed
 * 42), a few samples at once, reporting each outcome as it finishes: the
 * file-based side of `preferthinker eval`, on the same engine as the
 * benchmarks page.
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
  if (!existsSync(dataFolder))
    throw new Error(`${folder} has no data/ folder: a benchmark folder holds data/<SUBSET>/<SUBSET>.json and images/`);
  const present = new Set(readdirSync(dataFolder));
  return benchmarkSubsets.filter(
    (subset) => present.has(subset) && existsSync(join(dataFolder, subset, `${subset}.json`)),
  );
}

/** The sources of a benchmark folder's subsets. */
export function folderSources(folder: string, subsets: BenchmarkSubset[]): BenchmarkSource[] {
  return subsets.map((subset) => ({
    subset,
    label: subset,
    dataFile: join(folder, "data", subset, `${subset}.json`),
    imageRoots: [join(folder, "images"), join(folder, "data", subset), folder],
  }));
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
    throw new Error(
      `${source.dataFile}: ${rejected.length} unusable sample(s); first: sample ${first.index}: ${first.field}: ${first.reason}`,
    );
  }
  return pythonShuffle(samples, 42);
}

async function readImage(source: BenchmarkSource, relative: string): Promise<ProviderImage> {
  const path = source.imageRoots.map((root) => join(root, relative)).find((place) => existsSync(place));
  if (!path) throw new Error(`image ${relative} is not under ${source.imageRoots.join(", ")}`);
  const bytes = await readFile(path);
  return imageInMemory(createHash("sha256").update(bytes).digest("hex"), bytes);
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

/** A data file's samples, their pictures read from the files its paths name. */
function fileSampleSource(
  source: BenchmarkSource,
  samples: BenchmarkSample[],
  history: number,
): SampleSource<BenchmarkSample> {
  const read = (list: string[]) => Promise.all(list.map((path) => readImage(source, path)));
  return {
    take: takeInOrder(samples),
    async readImages(sample) {
      const [preferred, nonPreferred, candidates] = await Promise.all([
        read(sample.prefered_images.slice(0, history)),
        read(sample.non_prefered_images.slice(0, history)),
        read([sample.imageA, sample.imageB]),
      ]);
      return { preferred, nonPreferred, candidates };
    },
    labelOf: (sample) => sample.label,
    nameOf: (sample) => `${source.label} sample ${sample.index}`,
  };
}

/**
 * The outcomes of every sample of every source, as they finish, from the
 * same engine as the stored runs (evaluation-engine.ts); nothing is stored,
 * so nothing is resumed.
 */
export async function* assessBenchmark(options: AssessBenchmarkOptions): AsyncGenerator<SampleOutcome> {
  for (const source of options.sources) {
    const samples = (await readSourceSamples(source)).slice(0, options.limit);
    options.onSource?.(source, samples.length);
    const finished: SampleOutcome[] = [];
    let wake: (() => void) | null = null;
    const sink: ResultSink<BenchmarkSample> = {
      write: async ({ sample, position, output, scored, milliseconds }) => {
        finished.push({
          source,
          sample,
          order: position,
          output,
          parsed: scored.parsed,
          strictCorrect: scored.strictCorrect,
          milliseconds,
        });
        wake?.();
      },
    };
    let isRunning = true;
    const running = evaluateSamples(fileSampleSource(source, samples, options.history ?? 5), sink, {
      provider: options.provider,
      template: options.template,
      mode: options.mode,
      concurrency: options.concurrency ?? 1,
      signal: options.signal,
    }).finally(() => {
      isRunning = false;
      wake?.();
    });
    // Its failure is thrown below, once the outcomes before it have been given out.
    running.catch(() => undefined);
    while (isRunning || finished.length > 0) {
      if (finished.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      yield* finished.splice(0);
    }
    await running;
  }
}
