"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { runsQueryOptions, similaritySummaryQueryOptions } from "@/components/benchmarks/benchmark-queries";
import { describeRuns } from "@/components/benchmarks/run-model-label";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { SimilaritySummary } from "@/lib/benchmarks/similarity-vote-contract";
import type { RunVoteProgress } from "@/lib/dreamsim/compute-run-votes";
import type { DreamsimClient } from "@/lib/dreamsim/dreamsim-client";

/**
 * DreamSim's vote for every sample of one of the researcher's benchmark runs,
 * computed here in the background and stored with the run, then summarised:
 * how often the model and DreamSim disagree.
 */
export function RunVotesPanel({ client, modelVersion }: { client: DreamsimClient; modelVersion: string }) {
  const queryClient = useQueryClient();
  const runs = useQuery(runsQueryOptions());
  const finished = (runs.data?.runs ?? []).filter((run) => run.status === "completed" || run.status === "cancelled");
  const [runId, setRunId] = useState("");
  const [progress, setProgress] = useState<RunVoteProgress | null>(null);
  const [summary, setSummary] = useState<SimilaritySummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const chosen = runId || finished[0]?.id || "";
  const runLabels = describeRuns(finished);

  async function compute() {
    controller.current = new AbortController();
    setIsRunning(true);
    setError(null);
    setSummary(null);
    try {
      const { computeRunVotes } = await import("@/lib/dreamsim/compute-run-votes");
      await computeRunVotes({
        runId: chosen,
        client,
        modelVersion,
        onProgress: setProgress,
        signal: controller.current.signal,
      });
      setSummary(await queryClient.fetchQuery(similaritySummaryQueryOptions(chosen)));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      controller.current = null;
      setIsRunning(false);
    }
  }

  return (
    <section aria-labelledby="run-votes-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="run-votes-heading" className="text-lg font-semibold">
        Votes for a benchmark run
      </h2>
      {finished.length === 0 ? (
        <p className="text-sm text-slate-600">No finished benchmark run yet.</p>
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="block text-slate-700">Run</span>
            <select
              value={chosen}
              onChange={(event) => setRunId(event.target.value)}
              className="rounded-md border border-slate-300 px-2 py-1.5"
            >
              {finished.map((run) => (
                <option key={run.id} value={run.id}>
                  {runLabels.get(run.id)}
                </option>
              ))}
            </select>
          </label>
          <Button onClick={() => void compute()} disabled={isRunning || !chosen}>
            Compute DreamSim votes
          </Button>
          {isRunning && (
            <Button variant="secondary" onClick={() => controller.current?.abort()}>
              Stop
            </Button>
          )}
        </div>
      )}
      {progress && (
        <div className="space-y-1">
          <label htmlFor="run-votes-progress" className="block text-sm text-slate-700">
            Samples voted: {progress.done} of {progress.total} ({progress.stored} stored; {progress.imagesEmbedded}{" "}
            images embedded, {progress.cacheHits} from the cache)
          </label>
          <progress
            id="run-votes-progress"
            max={Math.max(progress.total, 1)}
            value={progress.done}
            className="h-2 w-full accent-brand-600"
          />
        </div>
      )}
      {summary && (
        <p className="text-sm" role="status" data-testid="run-votes-summary">
          {summary.voted} samples have a DreamSim vote: {summary.agreeing} agree with the model, {summary.disagreeing}{" "}
          disagree.
        </p>
      )}
      <ErrorMessage message={error ?? (runs.error ? `Your runs could not be loaded: ${runs.error.message}` : null)} />
    </section>
  );
}
