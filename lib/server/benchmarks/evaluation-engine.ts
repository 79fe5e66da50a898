import "server-only";
import { setMaxListeners } from "node:events";
import { AppError, toAppError } from "@/lib/errors";
import type { AssessmentProvider, ProviderImage } from "@/lib/inference/assessment-provider";
import { type ScoredOutput, scoreOutput } from "@/lib/preferthinker/score-output";
import type { PromptTemplate } from "@/lib/preferthinker/templates/template-schema";
import type { AssessmentMode } from "@/lib/preferthinker/types";

/**
 * The one evaluation engine behind both the benchmarks page (stored runs)
 * and `preferthinker eval` (benchmark files): it schedules samples over a
 * number of lanes, assesses each one, scores the output and hands it to a
 * sink. Where the pictures come from (the image library, or files) is the
 * sample source's business, where the results go (the database, or a
 * tally) the sink's.
 *
 * A lane waits for its admission (a place at the model server) before it
 * takes a sample, and reads pictures only once admitted: a run that waits
 * for capacity reads nothing, and holds no pictures in memory, meanwhile.
 *
 * Two rules make a run fast without weakening what it promises:
 * - while an admitted lane's sample is out at the model, the lane reads and
 *   encodes the next sample not yet read (a look-ahead of one sample per
 *   admitted lane), so the model is rarely kept waiting for the disk or the
 *   encoder;
 * - a result is kept while its lane already sends the next sample, but a
 *   lane never has more than one result waiting for the sink: at any moment
 *   at most two samples per lane have been sent without their result being
 *   kept. A crash costs at most those repeated requests; a sample whose
 *   result was kept is never assessed again.
 */

/** A sample's pictures as the assessor takes them. */
export type SampleImages = { preferred: ProviderImage[]; nonPreferred: ProviderImage[]; candidates: ProviderImage[] };

/** Where the samples and their pictures come from. */
export type SampleSource<Sample> = {
  /** The samples to assess, in the order they should be sent (the official order). */
  samples: readonly Sample[];
  /** The sample's pictures, the first `history` references of each side. */
  readImages(sample: Sample): Promise<SampleImages>;
  /** The sample's ground-truth answer ("Image A" or "Image B"). */
  labelOf(sample: Sample): string;
  /** How errors name the sample, e.g. "Sample 12". */
  nameOf(sample: Sample): string;
};

/** One assessed sample, scored. */
export type EvaluatedSample<Sample> = {
  sample: Sample;
  /** Position in the source's samples. */
  position: number;
  output: string;
  scored: ScoredOutput;
  /** From the moment a lane took the sample to its scored output. */
  milliseconds: number;
};

/** Where results go. `write` resolves once the result is kept (for a stored run: committed). */
export type ResultSink<Sample> = { write(result: EvaluatedSample<Sample>): Promise<void> };

/** Waits for a place at the model server for one lane; resolves with its release, or null when the run was stopped meanwhile. */
export type Admission = (lane: number, signal: AbortSignal) => Promise<(() => void) | null>;

export type EngineOptions = {
  provider: AssessmentProvider;
  template: PromptTemplate;
  mode: Exclude<AssessmentMode, "single">;
  /** Samples assessed at once. */
  concurrency: number;
  /** Stops the work from outside: the engine then resolves with `stopped: true`, throwing nothing. */
  signal?: AbortSignal;
  admit?: Admission;
};

export type EngineOutcome = { assessed: number; stopped: boolean };

type Prepared = Awaited<ReturnType<AssessmentProvider["prepare"]>>;

/**
 * Assesses every sample of the source and writes each result to the sink.
 * A sample that fails stops the others and rejects with an error naming it.
 */
export async function evaluateSamples<Sample>(
  source: SampleSource<Sample>,
  sink: ResultSink<Sample>,
  options: EngineOptions,
): Promise<EngineOutcome> {
  const concurrency = Math.max(1, Math.min(options.concurrency, source.samples.length || 1));
  // One failed sample stops the others too; the outer signal alone means a stop from outside.
  const stop = new AbortController();
  // Every lane's request listens to it at once: more than Node's default of 10 is expected, not a leak.
  setMaxListeners(Math.max(10, concurrency * 4), stop.signal);
  const outer = options.signal;
  const onOuterAbort = () => stop.abort();
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  if (outer?.aborted) stop.abort();

  const ahead = new Map<number, Promise<Prepared>>();
  // The first position no lane has started reading yet: the look-ahead reads the samples next in line, in order.
  let readFrom = 0;
  const prepare = (position: number): Promise<Prepared> => {
    readFrom = Math.max(readFrom, position + 1);
    let prepared = ahead.get(position);
    if (!prepared) {
      const sample = source.samples[position]!;
      prepared = source
        .readImages(sample)
        .then((images) => options.provider.prepare({ mode: options.mode, template: options.template, ...images }));
      // Its failure is reported by the lane that takes it; until then it must not count as unhandled.
      prepared.catch(() => undefined);
      ahead.set(position, prepared);
    }
    return prepared;
  };

  let next = 0;
  let assessed = 0;
  let failure: unknown = null;
  const fail = (error: unknown, sample: Sample) => {
    if (stop.signal.aborted) return;
    failure ??= nameFailure(error, source.nameOf(sample));
    stop.abort();
  };
  const admit = options.admit ?? (async () => () => undefined);
  // Lanes holding a place at the model server now: as many samples as that are read ahead, no more.
  let admitted = 0;
  const runLane = async (lane: number) => {
    let keeping: Promise<void> = Promise.resolve();
    while (!stop.signal.aborted && next < source.samples.length) {
      let release: (() => void) | null;
      try {
        release = await admit(lane, stop.signal);
      } catch (error) {
        if (!stop.signal.aborted) failure ??= toAppError(error);
        stop.abort();
        break;
      }
      if (!release) break;
      // The work may have run out, or stopped, while this lane waited.
      if (stop.signal.aborted || next >= source.samples.length) {
        release();
        break;
      }
      admitted++;
      const letGo = () => {
        admitted--;
        release();
      };
      const position = next++;
      const sample = source.samples[position]!;
      const started = performance.now();
      const prepared = prepare(position);
      ahead.delete(position);
      // The look-ahead, by admitted lanes only: the samples next in line are read while this one is out.
      while (readFrom < source.samples.length && readFrom - next < admitted) void prepare(readFrom);
      try {
        const output = await assessOne(prepared, stop.signal, letGo);
        if (output === null) break;
        const scored = scoreOutput(output, source.labelOf(sample), options.mode);
        const milliseconds = Math.round(performance.now() - started);
        // The previous result first: one result at most waits for the sink per lane.
        await keeping;
        keeping = sink.write({ sample, position, output, scored, milliseconds }).then(
          () => void assessed++,
          (error: unknown) => fail(error, sample),
        );
      } catch (error) {
        fail(error, sample);
        break;
      }
    }
    await keeping;
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, lane) => runLane(lane)));
  } finally {
    outer?.removeEventListener("abort", onOuterAbort);
  }
  if (failure && !outer?.aborted) throw failure;
  return { assessed, stopped: Boolean(outer?.aborted) };
}

/** Sends one sample once it is prepared and collects its text, holding the lane's place until then; null when the run stopped first. */
async function assessOne(
  preparing: Promise<Prepared>,
  signal: AbortSignal,
  release: () => void,
): Promise<string | null> {
  let output = "";
  try {
    const prepared = await preparing;
    for await (const event of prepared.stream(signal)) if (event.type === "delta") output += event.text;
  } finally {
    release();
  }
  return signal.aborted ? null : output;
}

function nameFailure(error: unknown, name: string): AppError {
  const appError = toAppError(error);
  return new AppError(appError.code, `${name}: ${appError.message}`, { cause: error });
}
