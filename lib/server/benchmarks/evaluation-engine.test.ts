import { describe, expect, it } from "vitest";
import { type AssessmentProvider, imageInMemory } from "@/lib/inference/assessment-provider";
import { keptOutputKey, reuseKeptOutputs } from "@/lib/inference/reuse-kept-outputs";
import { preferThinkerV1 } from "@/lib/preferthinker/templates/preferthinker-v1";
import {
  type Admission,
  type EvaluatedSample,
  evaluateSamples,
  type SampleSource,
  samplesPerPlace,
  takeInOrder,
} from "./evaluation-engine";

type Sample = { index: number; label: string };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const image = imageInMemory("0".repeat(64), new Uint8Array());

function sourceOf(count: number, onRead: (sample: Sample) => void = () => {}): SampleSource<Sample> {
  return {
    take: takeInOrder(
      Array.from({ length: count }, (_, index) => ({ index, label: index % 2 ? "Image B" : "Image A" })),
    ),
    readImages: async (sample) => {
      onRead(sample);
      return { preferred: [image], nonPreferred: [image], candidates: [image, image] };
    },
    labelOf: (sample) => sample.label,
    nameOf: (sample) => `Sample ${sample.index}`,
  };
}

/** An assessor that always answers "Image A" after `latencyMs`, counting what is in flight. */
function fakeProvider(latencyMs: number, fail?: (call: number) => boolean) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const provider: AssessmentProvider = {
    kind: "baseline",
    model: "fake",
    describeRequest: () => null,
    prepare: async () => ({
      async *stream(signal) {
        const call = stats.calls++;
        stats.inFlight++;
        stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
        try {
          await wait(latencyMs);
          if (signal.aborted) return;
          if (fail?.(call)) throw new Error("the model server answered 400");
          yield { type: "delta", text: "<answer>Image A</answer>" } as const;
        } finally {
          stats.inFlight--;
        }
      },
    }),
  };
  return { provider, stats };
}

const options = (provider: AssessmentProvider, concurrency: number) => ({
  provider,
  template: preferThinkerV1,
  mode: "fast" as const,
  concurrency,
});

describe("the evaluation engine", () => {
  it("assesses every sample once, scores it against its label, never more at once than its concurrency", async () => {
    const { provider, stats } = fakeProvider(5);
    const results: EvaluatedSample<Sample>[] = [];
    const outcome = await evaluateSamples(
      sourceOf(20),
      { write: async (result) => void results.push(result) },
      options(provider, 4),
    );
    expect(outcome).toEqual({ assessed: 20, failed: 0, stopped: false });
    expect(stats.maxInFlight).toBe(4);
    expect(results.map((result) => result.sample.index).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(results.every((result) => result.scored.strictCorrect === (result.sample.label === "Image A"))).toBe(true);
  });

  it("reads a sample's pictures while earlier samples wait on the model", async () => {
    const { provider } = fakeProvider(20);
    const readAt: number[] = [];
    const sentAt: number[] = [];
    const started = performance.now();
    await evaluateSamples(
      sourceOf(3, () => readAt.push(performance.now() - started)),
      { write: async () => void sentAt.push(performance.now() - started) },
      options(provider, 1),
    );
    // The second sample is read before the first one's answer is in.
    expect(readAt[1]!).toBeLessThan(sentAt[0]!);
  });

  it("reads no picture while its lanes wait for a place at the model server, then reads one sample ahead per admitted lane", async () => {
    const { provider, stats } = fakeProvider(50);
    const read: number[] = [];
    const waiting: (() => void)[] = [];
    let isOpen = false;
    // A model server that is full: lanes wait here until a test step lets them in.
    const admit: Admission = () =>
      new Promise((resolve) => {
        const letIn = () => resolve(() => undefined);
        if (isOpen) letIn();
        else waiting.push(letIn);
      });
    const running = evaluateSamples(
      sourceOf(6, (sample) => read.push(sample.index)),
      { write: async () => {} },
      { ...options(provider, 3), admit },
    );
    await wait(20);
    expect(waiting).toHaveLength(3);
    expect(read).toEqual([]);

    waiting.shift()!();
    await wait(10);
    // The admitted lane's sample, and the next in line read while it is out; the two waiting lanes read nothing.
    expect(read).toEqual([0, 1]);
    expect(stats.calls).toBe(1);

    isOpen = true;
    for (const letIn of waiting.splice(0)) letIn();
    expect(await running).toEqual({ assessed: 6, failed: 0, stopped: false });
    expect([...read].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("keeps at most one result per lane waiting for the sink", async () => {
    const { provider, stats } = fakeProvider(1);
    let pending = 0;
    let maxPending = 0;
    await evaluateSamples(
      sourceOf(12),
      {
        write: async () => {
          maxPending = Math.max(maxPending, ++pending);
          await wait(15);
          pending--;
        },
      },
      options(provider, 2),
    );
    expect(maxPending).toBeLessThanOrEqual(2);
    expect(stats.calls).toBe(12);
  });

  it("stops every lane when one sample fails, naming that sample", async () => {
    const { provider, stats } = fakeProvider(2, (call) => call === 3);
    await expect(evaluateSamples(sourceOf(40), { write: async () => {} }, options(provider, 2))).rejects.toThrow(
      /^Sample 3: the model server answered 400$/,
    );
    expect(stats.calls).toBeLessThan(8);
  });

  it("hands a failing sample to a sink that takes failures, and goes on with the others", async () => {
    const { provider, stats } = fakeProvider(2, (call) => call === 3 || call === 7);
    const failures: string[] = [];
    let written = 0;
    const outcome = await evaluateSamples(
      sourceOf(12),
      {
        write: async () => void written++,
        writeFailure: async (_sample, error) => void failures.push(error.message),
      },
      options(provider, 2),
    );
    expect(outcome).toEqual({ assessed: 10, failed: 2, stopped: false });
    expect(stats.calls).toBe(12);
    expect(written).toBe(10);
    expect(failures).toHaveLength(2);
    for (const message of failures) expect(message).toMatch(/^Sample \d+: the model server answered 400$/);
  });

  it("not pipelined, a lane takes its sample while it waits for its place, reads it once admitted, and takes the next once the result is kept", async () => {
    const { provider } = fakeProvider(5);
    const events: string[] = [];
    const samples = Array.from({ length: 4 }, (_, index) => ({ index, label: "Image A" }));
    const inOrder = takeInOrder(samples);
    let held = 0;
    let maxHeld = 0;
    const source: SampleSource<Sample> = {
      ...sourceOf(0),
      take: async () => {
        const sample = await inOrder();
        if (sample) {
          maxHeld = Math.max(maxHeld, ++held);
          events.push(`take ${sample.index}`);
        }
        return sample;
      },
      readImages: async (sample) => {
        events.push(`read ${sample.index}`);
        return { preferred: [image], nonPreferred: [image], candidates: [image, image] };
      },
    };
    let admitted = 0;
    const admit: Admission = async () => {
      events.push(`admit ${admitted++}`);
      return () => undefined;
    };
    await evaluateSamples(
      source,
      {
        write: async ({ sample }) => {
          await wait(5);
          held--;
          events.push(`kept ${sample.index}`);
        },
      },
      { ...options(provider, 1), admit, pipelined: false },
    );
    expect(events).toEqual([
      "take 0",
      "admit 0",
      "read 0",
      "kept 0",
      "take 1",
      "admit 1",
      "read 1",
      "kept 1",
      "take 2",
      "admit 2",
      "read 2",
      "kept 2",
      "take 3",
      "admit 3",
      "read 3",
      "kept 3",
    ]);
    expect(maxHeld).toBe(1);
  });

  it("keeps a lane's place from one sample to the next while nobody waits, and gives it back once someone does", async () => {
    const { provider } = fakeProvider(2);
    const places = { taken: 0, given: 0, held: 0, maxHeld: 0 };
    const admit: Admission = async () => {
      places.taken++;
      places.maxHeld = Math.max(places.maxHeld, ++places.held);
      return () => {
        places.given++;
        places.held--;
      };
    };
    // Nobody waits: each lane joins the line once per `samplesPerPlace` samples.
    const samples = samplesPerPlace * 3;
    await evaluateSamples(
      sourceOf(samples),
      { write: async () => {} },
      { ...options(provider, 1), admit, pipelined: false, handOver: () => false },
    );
    expect(places).toEqual({ taken: 3, given: 3, held: 0, maxHeld: 1 });

    // Someone waits from the fifth sample on: the place goes back after every sample from then.
    Object.assign(places, { taken: 0, given: 0, held: 0, maxHeld: 0 });
    let backFromModel = 0;
    const counting: AssessmentProvider = {
      ...provider,
      prepare: async (request) => {
        const prepared = await provider.prepare(request);
        return {
          async *stream(signal) {
            yield* prepared.stream(signal);
            backFromModel++;
          },
        };
      },
    };
    await evaluateSamples(
      sourceOf(10),
      { write: async () => {} },
      { ...options(counting, 1), admit, pipelined: false, handOver: () => backFromModel >= 5 },
    );
    expect(places).toEqual({ taken: 6, given: 6, held: 0, maxHeld: 1 });

    // Without `handOver` every sample joins the line: the behaviour of runs whose admission cannot tell.
    Object.assign(places, { taken: 0, given: 0, held: 0, maxHeld: 0 });
    await evaluateSamples(sourceOf(7), { write: async () => {} }, { ...options(provider, 2), admit, pipelined: false });
    expect(places).toMatchObject({ taken: 7, given: 7, held: 0 });
  });

  describe("a sample whose every output is kept", () => {
    // Each sample's pictures carry its index, so each request has a description of its own.
    const pictureOf = (index: number, side: string) =>
      imageInMemory(`${side}${index}`.padEnd(64, "0"), new Uint8Array());
    const requestOf = (index: number, exchanged = false) =>
      exchanged
        ? `${pictureOf(index, "b").sha256} then ${pictureOf(index, "a").sha256}`
        : `${pictureOf(index, "a").sha256} then ${pictureOf(index, "b").sha256}`;
    const source: SampleSource<Sample> = {
      ...sourceOf(0),
      readImages: async (sample) => ({
        preferred: [image],
        nonPreferred: [image],
        candidates: [pictureOf(sample.index, "a"), pictureOf(sample.index, "b")],
      }),
    };
    /** The fake provider behind kept outputs: those of `keptDescriptions` are answered from the store. */
    const reusingProvider = (keptDescriptions: string[]) => {
      const { provider, stats } = fakeProvider(2);
      const keptKeys = new Set(keptDescriptions.map((description) => keptOutputKey("served", description)));
      const reusing = reuseKeptOutputs(
        {
          ...provider,
          describeRequest: (input) => input.candidates.map((candidate) => candidate.sha256).join(" then "),
        },
        {
          servedModel: "served",
          fresh: false,
          kept: { find: async (key) => (keptKeys.has(key) ? "<answer>Image A</answer>" : null) },
        },
      );
      return { reusing, stats };
    };
    const countingAdmission = () => {
      const places = { asked: 0 };
      const admit: Admission = async () => {
        places.asked++;
        return () => undefined;
      };
      return { places, admit };
    };

    it("goes out without waiting for a place at the model server; one with any output not kept joins the line", async () => {
      // As given, samples 0, 2 and 4 are kept; exchanged, sample 2 alone.
      const { reusing, stats } = reusingProvider([requestOf(0), requestOf(2), requestOf(4), requestOf(2, true)]);
      const run = async (swap: boolean) => {
        const { places, admit } = countingAdmission();
        const results: EvaluatedSample<Sample>[] = [];
        stats.calls = 0;
        const outcome = await evaluateSamples(
          { ...source, take: sourceOf(6).take },
          { write: async (result) => void results.push(result) },
          { ...options(reusing, 2), admit, pipelined: false, swap },
        );
        expect(outcome).toEqual({ assessed: 6, failed: 0, stopped: false });
        return { results, places, sent: stats.calls };
      };

      const given = await run(false);
      expect(given.places.asked).toBe(3);
      expect(given.sent).toBe(3);
      const cached = given.results.filter((result) => result.reuse?.cached).map((result) => result.sample.index);
      expect(cached.sort()).toEqual([0, 2, 4]);

      const swapped = await run(true);
      expect(swapped.places.asked).toBe(5);
      expect(swapped.sent).toBe(2 * 6 - 4);
      expect(swapped.results.find((result) => result.sample.index === 2)).toMatchObject({
        reuse: { cached: true },
        swapped: { reuse: { cached: true } },
      });
    });

    it("never hands a place on to the next sample, having none", async () => {
      // One lane that keeps its place while nobody waits; every other sample kept.
      const { reusing, stats } = reusingProvider([requestOf(0), requestOf(2), requestOf(4)]);
      const { places, admit } = countingAdmission();
      await evaluateSamples(
        { ...source, take: sourceOf(6).take },
        { write: async () => {} },
        { ...options(reusing, 1), admit, pipelined: false, handOver: () => false },
      );
      // Sample 1 asks for the place and keeps it through 5; samples 0, 2 and 4 need none.
      expect(places.asked).toBe(1);
      expect(stats.calls).toBe(3);
    });
  });

  it("gives a kept place back when the run is stopped", async () => {
    const { provider } = fakeProvider(5);
    let held = 0;
    const admit: Admission = async () => {
      held++;
      return () => void held--;
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const outcome = await evaluateSamples(
      sourceOf(1000),
      { write: async () => {} },
      { ...options(provider, 3), admit, pipelined: false, handOver: () => false, signal: controller.signal },
    );
    expect(outcome.stopped).toBe(true);
    expect(held).toBe(0);
  });

  it("resolves as stopped, throwing nothing, when stopped from outside", async () => {
    const { provider } = fakeProvider(10);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 25);
    const outcome = await evaluateSamples(
      sourceOf(100),
      { write: async () => {} },
      { ...options(provider, 3), signal: controller.signal },
    );
    expect(outcome.stopped).toBe(true);
    expect(outcome.assessed).toBeLessThan(100);
  });
});
