import "server-only";
import { setMaxListeners } from "node:events";
import { AppError, toAppError } from "@/lib/errors";
import type {
  AssessmentInput,
  AssessmentProvider,
  OutputReuse,
  ProviderImage,
} from "@/lib/inference/assessment-provider";
import { type ScoredOutput, scoreOutput } from "@/lib/preferthinker/score-output";
import { swapLabel } from "@/lib/preferthinker/swap-order";
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
 * - a lane keeps its place at the model server from one sample to the next
 *   while nobody waits for one (`handOver`), for at most
 *   `samplesPerPlace` samples in a row, so that a missed word that someone
 *   waits delays them by a few samples at worst;
 * - a result is kept while its lane already sends the next sample, but a
 *   lane never has more than one result waiting for the sink: at any moment
 *   at most two samples per lane have been sent without their result being
 *   kept. A crash costs at most those repeated requests; a sample whose
 *   result was kept is never assessed again.
 *
 * A swap run assesses each sample twice on the lane's one place, as given
 * (A/B) and with the candidates exchanged (B/A), back to back: the second
 * request shares the first's references, so the model server's prefix cache
 * serves them, and the two outputs are one result.
 */

/** A sample's pictures as the assessor takes them, and whose they are (a key that keeps one person's samples on one model replica). */
export type SampleImages = {
  preferred: ProviderImage[];
  nonPreferred: ProviderImage[];
  candidates: ProviderImage[];
  affinityKey?: string;
};

/** Where the samples and their pictures come from. */
export type SampleSource<Sample> = {
  /**
   * The next sample to assess, in the order they should be sent (the
   * official order); null when there is none left for the lane that asks.
   * A stored run's source claims it (lib/db/evaluation-tasks.ts).
   */
  take(): Promise<Sample | null>;
  /** The sample's pictures, the first `history` references of each side. */
  readImages(sample: Sample): Promise<SampleImages>;
  /** The sample's ground-truth answer ("Image A" or "Image B"). */
  labelOf(sample: Sample): string;
  /** How errors name the sample, e.g. "Sample 12". */
  nameOf(sample: Sample): string;
};

/** Takes the samples one by one, in the order given. */
export function takeInOrder<Sample>(samples: readonly Sample[]): () => Promise<Sample | null> {
  let next = 0;
  return async () => (next < samples.length ? samples[next++]! : null);
}

/** One output of a sample, scored against the label of the order it was asked in. */
export type ScoredAssessment = {
  output: string;
  scored: ScoredOutput;
  /** Whether the output was a kept one, and its key; unset when outputs are not kept. */
  reuse?: OutputReuse;
};

/** One assessed sample, scored: as given, and in a swap run also with its candidates exchanged. */
export type EvaluatedSample<Sample> = ScoredAssessment & {
  sample: Sample;
  /** Place in the order the samples were taken. */
  position: number;
  /** The sample with image A and image B exchanged, scored against the exchanged label. */
  swapped?: ScoredAssessment;
  /** From the moment a lane took the sample to its scored output(s). */
  milliseconds: number;
};

/** Where results go. `write` resolves once the result is kept (for a stored run: committed). */
export type ResultSink<Sample> = {
  write(result: EvaluatedSample<Sample>): Promise<void>;
  /**
   * A sample that could not be assessed (its error names it). With this, the
   * other samples go on; without it, one failure stops them all.
   */
  writeFailure?(sample: Sample, error: AppError): Promise<void>;
};

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
  /**
   * Asked when a lane's sample comes back from the model: whether the lane
   * should give its place back (someone waits for one) rather than keep it
   * for its next sample, which saves the round trips of leaving and joining
   * the line. Without it, every lane gives its place back after each sample.
   */
  handOver?: () => boolean;
  /**
   * Reads ahead and keeps a result while the lane sends the next (the
   * default). Off, a lane holds one sample at a time, from taking it to its
   * result kept, and takes it while it waits for its place (reading it only
   * once admitted): what a source whose samples are claims against a cap
   * needs, since a claim read ahead would count against the cap.
   */
  pipelined?: boolean;
  /** Each sample in both orders, A/B then B/A, on one place at the model server. */
  swap?: boolean;
};

export type EngineOutcome = { assessed: number; failed: number; stopped: boolean };

/** The most samples a lane sends in a row on one place before it gives it back and joins the line again. */
export const samplesPerPlace = 16;

/**
 * A lane's place at the model server: how to give it back, and how many
 * samples went out on it. `admitted` is false for a sample whose outputs
 * are all kept: it needs no place, and its stand-in is never kept for the
 * next sample.
 */
type HeldPlace = { letGo: () => void; samples: number; admitted: boolean };

/** What a sample whose every output is kept goes out on: nothing to give back. */
const noPlaceNeeded = (): HeldPlace => ({ letGo: () => undefined, samples: 0, admitted: false });

type Prepared = Awaited<ReturnType<AssessmentProvider["prepare"]>>;

/** A sample's requests in the order they are sent: as given, then (in a swap run) exchanged. */
type PreparedSample = Promise<Prepared>[];

type Taken<Sample> = {
  sample: Sample;
  position: number;
  prepared?: PreparedSample;
  /** Its pictures, once looked up (to see whether its outputs are kept), so that they are looked up once. */
  images?: Promise<SampleImages>;
};

/**
 * Assesses every sample of the source and writes each result to the sink.
 * A sample that fails goes to the sink's `writeFailure` when it has one;
 * otherwise it stops the others and rejects with an error naming it.
 */
export async function evaluateSamples<Sample>(
  source: SampleSource<Sample>,
  sink: ResultSink<Sample>,
  options: EngineOptions,
): Promise<EngineOutcome> {
  const concurrency = Math.max(1, options.concurrency);
  const pipelined = options.pipelined ?? true;
  // One failed sample stops the others too; the outer signal alone means a stop from outside.
  const stop = new AbortController();
  // Every lane's request listens to it at once: more than Node's default of 10 is expected, not a leak.
  setMaxListeners(Math.max(10, concurrency * 4), stop.signal);
  const outer = options.signal;
  const onOuterAbort = () => stop.abort();
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  if (outer?.aborted) stop.abort();

  let position = 0;
  let exhausted = false;
  let taking: Promise<unknown> = Promise.resolve();
  const orders = options.swap ? [false, true] : [false];
  const inputsOf = (read: SampleImages): AssessmentInput[] =>
    orders.map((exchanged) => ({
      mode: options.mode,
      template: options.template,
      ...read,
      candidates: exchanged ? [...read.candidates].reverse() : read.candidates,
    }));
  const prepare = (sample: Sample, images = source.readImages(sample)): PreparedSample => {
    const inputs = images.then(inputsOf);
    const prepared = orders.map((_, order) => inputs.then((all) => options.provider.prepare(all[order]!)));
    // Their failure is reported by the lane that takes the sample; until then it must not count as unhandled.
    for (const request of prepared) request.catch(() => undefined);
    return prepared;
  };
  const takeNow = async (readAhead: boolean): Promise<Taken<Sample> | null> => {
    if (exhausted || stop.signal.aborted) return null;
    const sample = await source.take();
    if (sample === null) {
      // The source has no more: every lane ends once its sample is done.
      exhausted = true;
      return null;
    }
    return { sample, position: position++, ...(readAhead ? { prepared: prepare(sample) } : {}) };
  };
  // Pipelined, takes are one at a time, so positions follow the source's order; otherwise each lane takes
  // for itself (a claiming source orders its claims), and one lane waiting for room does not hold up another.
  const takeOne = (readAhead: boolean): Promise<Taken<Sample> | null> => {
    if (!pipelined) return takeNow(readAhead);
    const taken = taking.then(() => takeNow(readAhead));
    taking = taken.catch(() => undefined);
    return taken;
  };
  // Samples taken and being read ahead, in order.
  const ahead: Promise<Taken<Sample> | null>[] = [];

  let assessed = 0;
  let failed = 0;
  let failure: unknown = null;
  const stopAll = (error: unknown) => {
    if (stop.signal.aborted) return;
    failure ??= error;
    stop.abort();
  };
  const failSample = async (error: unknown, sample: Sample) => {
    if (stop.signal.aborted) return;
    try {
      await sink.writeFailure!(sample, nameFailure(error, source.nameOf(sample)));
      failed++;
    } catch (sinkError) {
      stopAll(toAppError(sinkError));
    }
  };
  const admit = options.admit ?? (async () => () => undefined);
  const hasKeptOutput = options.provider.hasKeptOutput?.bind(options.provider);
  /**
   * Whether a taken sample's every output is kept, so that it needs no place
   * at the model server. Its pictures are looked up for it (their rows, not
   * their bytes) and kept with it; a sample whose pictures cannot be looked
   * up is not, and the lane reports that failure once admitted.
   */
  const isAllKept = async (taken: Taken<Sample>): Promise<boolean> => {
    if (!hasKeptOutput) return false;
    const images = (taken.images = source.readImages(taken.sample));
    images.catch(() => undefined);
    try {
      const kept = await Promise.all(inputsOf(await images).map((input) => hasKeptOutput(input)));
      return kept.every(Boolean);
    } catch {
      return false;
    }
  };
  // Lanes holding a place at the model server now: as many samples as that are read ahead, no more.
  let admitted = 0;
  const runLane = async (lane: number) => {
    let keeping: Promise<void> = Promise.resolve();
    // The place this lane kept from its last sample, and how many samples it has sent on it.
    let kept: HeldPlace | null = null;
    const letGoKept = () => {
      kept?.letGo();
      kept = null;
    };
    while (!stop.signal.aborted && !(exhausted && ahead.length === 0)) {
      // Not pipelined: the lane takes its sample (a claim) while it waits for its place, and reads it once admitted.
      let taken: Taken<Sample> | null = null;
      if (!pipelined) {
        try {
          taken = await takeOne(false);
        } catch (error) {
          stopAll(toAppError(error));
          break;
        }
        if (!taken) break;
      }
      let place: HeldPlace | null = kept as HeldPlace | null;
      kept = null;
      // Not pipelined, the sample is known before the lane joins the line: a fully kept one skips it.
      if (!place && taken && (await isAllKept(taken))) place = noPlaceNeeded();
      if (!place) {
        let release: (() => void) | null;
        try {
          release = await admit(lane, stop.signal);
        } catch (error) {
          stopAll(toAppError(error));
          break;
        }
        if (!release) break;
        admitted++;
        let released = false;
        const letGo = () => {
          if (released) return;
          released = true;
          admitted--;
          release();
        };
        place = { letGo, samples: 0, admitted: true };
      }
      const { letGo } = place;
      try {
        taken ??= await (ahead.shift() ?? takeOne(true));
      } catch (error) {
        letGo();
        stopAll(toAppError(error));
        break;
      }
      // The work may have run out, or stopped, while this lane waited.
      if (!taken || stop.signal.aborted) {
        letGo();
        break;
      }
      // The look-ahead, by admitted lanes only: the samples next in line are read while this one is out.
      if (pipelined) while (!exhausted && ahead.length < admitted) ahead.push(takeOne(true));
      const { sample } = taken;
      const started = performance.now();
      const onPlace = place;
      onPlace.samples++;
      // Back from the model: the place is kept for the next sample, or given back at once (before storing).
      const backFromModel = () => {
        const keep =
          onPlace.admitted &&
          !stop.signal.aborted &&
          options.handOver !== undefined &&
          onPlace.samples < samplesPerPlace &&
          !options.handOver();
        if (keep) kept = onPlace;
        else letGo();
      };
      try {
        const outputs = await assessInOrder(
          (taken.prepared ??= prepare(sample, taken.images)),
          stop.signal,
          backFromModel,
        );
        if (outputs === null) break;
        const label = source.labelOf(sample);
        const [asGiven, exchanged] = outputs.map(({ output, reuse }, order): ScoredAssessment => ({
          output,
          scored: scoreOutput(output, order === 0 ? label : swapLabel(label), options.mode),
          ...(reuse ? { reuse } : {}),
        })) as [ScoredAssessment, ScoredAssessment?];
        const milliseconds = Math.round(performance.now() - started);
        const evaluated: EvaluatedSample<Sample> = {
          sample,
          position: taken.position,
          ...asGiven,
          ...(exchanged ? { swapped: exchanged } : {}),
          milliseconds,
        };
        // The previous result first: one result at most waits for the sink per lane.
        await keeping;
        keeping = sink.write(evaluated).then(
          () => void assessed++,
          (error: unknown) => stopAll(nameFailure(error, source.nameOf(sample))),
        );
      } catch (error) {
        if (!sink.writeFailure) {
          stopAll(nameFailure(error, source.nameOf(sample)));
          break;
        }
        keeping = keeping.then(() => failSample(error, sample));
      }
      if (!pipelined) await keeping;
    }
    letGoKept();
    await keeping;
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, lane) => runLane(lane)));
  } finally {
    outer?.removeEventListener("abort", onOuterAbort);
  }
  if (failure && !outer?.aborted) throw failure;
  return { assessed, failed, stopped: Boolean(outer?.aborted) };
}

/**
 * Sends a sample's requests one after the other once each is prepared and
 * collects their texts, holding the lane's place until the last is back;
 * null when the run stopped first.
 */
async function assessInOrder(
  requests: PreparedSample,
  signal: AbortSignal,
  backFromModel: () => void,
): Promise<{ output: string; reuse?: OutputReuse }[] | null> {
  const outputs: { output: string; reuse?: OutputReuse }[] = [];
  try {
    for (const preparing of requests) {
      const prepared = await preparing;
      let output = "";
      let finish: string | null = null;
      for await (const event of prepared.stream(signal)) {
        if (event.type === "delta") output += event.text;
        else if (event.type === "finish") finish = event.reason;
      }
      if (signal.aborted) return null;
      // Only an output the model ended itself (or cut at the token limit) is kept for reuse: an aborted one is not the answer.
      const keepable = prepared.reuse && (prepared.reuse.cached || finish === "stop" || finish === "length");
      outputs.push({ output, ...(keepable ? { reuse: prepared.reuse } : {}) });
    }
  } finally {
    backFromModel();
  }
  return signal.aborted ? null : outputs;
}

function nameFailure(error: unknown, name: string): AppError {
  const appError = toAppError(error);
  return new AppError(appError.code, `${name}: ${appError.message}`, { cause: error });
}
