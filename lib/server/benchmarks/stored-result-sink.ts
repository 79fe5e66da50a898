import "server-only";
import type { BenchmarkSampleRecord } from "@/lib/db/benchmark-subsets";
import { type CompletedSample, completeTasks, failTaskAttempt } from "@/lib/db/evaluation-tasks";
import type { Database } from "@/lib/db/open-database";
import type { OutputReuse } from "@/lib/inference/assessment-provider";
import { isConsistentUnderSwap } from "@/lib/preferthinker/swap-order";
import type { EvaluatedSample, ResultSink } from "./evaluation-engine";

type Waiting = { result: CompletedSample; resolve(): void; reject(error: unknown): void };

export type StoredResultSink = ResultSink<BenchmarkSampleRecord> & {
  /** Results newly stored (a result the run already had for a sample is kept, and not counted). */
  readonly stored: number;
};

/**
 * A run's results written to the database with group commit: a result that
 * arrives while a write is under way waits for it, then goes with every
 * other one that arrived meanwhile in a single statement. Alone, a result is
 * written at once; under load, one statement carries many. Each `write`
 * resolves only when its own row is committed, which is what lets the
 * engine promise that a finished sample is never sent again after a crash:
 * its claim is marked done in the same transaction.
 *
 * A failed sample is given back to be tried again after a wait, or failed
 * for good with its error once it has had its attempts.
 */
export function createStoredResultSink(
  database: Database,
  runId: string,
  retry: { maxAttempts: number; backoffSeconds: number },
): StoredResultSink {
  let waiting: Waiting[] = [];
  let isWriting = false;
  let stored = 0;

  const flush = async () => {
    isWriting = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        stored += await completeTasks(
          database,
          runId,
          batch.map((entry) => entry.result),
        );
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    isWriting = false;
  };

  return {
    get stored() {
      return stored;
    },
    write(evaluated: EvaluatedSample<BenchmarkSampleRecord>) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ result: toNewResult(evaluated), resolve, reject });
        if (!isWriting) void flush();
      });
    },
    async writeFailure(sample, error) {
      await failTaskAttempt(
        database,
        { runId, sampleId: sample.id },
        { code: error.code, message: error.publicMessage },
        retry,
      );
    },
  };
}

function toNewResult({
  sample,
  output,
  scored,
  reuse,
  swapped,
  milliseconds,
}: EvaluatedSample<BenchmarkSampleRecord>): CompletedSample {
  return {
    sampleId: sample.id,
    output,
    parsed: toJson(scored.parsed),
    strictCorrect: scored.strictCorrect,
    lenientCorrect: scored.lenientCorrect,
    formatValid: scored.formatValid,
    issueCodes: scored.issueCodes,
    officialCorrect: null,
    milliseconds,
    ...reuseOf(reuse),
    ...(swapped
      ? {
          swapped: {
            output: swapped.output,
            parsed: toJson(swapped.scored.parsed),
            strictCorrect: swapped.scored.strictCorrect,
            lenientCorrect: swapped.scored.lenientCorrect,
            formatValid: swapped.scored.formatValid,
            ...reuseOf(swapped.reuse),
            consistent: isConsistentUnderSwap(output, swapped.output),
          },
        }
      : {}),
  };
}

const toJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as object;

/** A kept output is not kept again; a new one is, under its key. */
const reuseOf = (reuse: OutputReuse | undefined) => ({
  cached: reuse?.cached ?? false,
  keepKey: reuse && !reuse.cached ? reuse.key : null,
});
