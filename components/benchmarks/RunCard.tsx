"use client";

import Link from "next/link";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { formatPercent } from "./results-rows";
import { describeRunMode, describeRunProvider, formatRunTime } from "./run-model-label";
import { describeRunWait } from "./run-wait-text";
import { isRunActive, useCancelRun, useLiveRun, useResumeRun } from "./use-benchmarks";

const statusText: Record<EvaluationRunJson["status"], string> = {
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

const linkClass =
  "rounded text-sm font-medium text-brand-700 underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600";

function formatEta(seconds: number | null): string {
  if (seconds === null) return "estimating…";
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}

const percent = (value: number | null) => (value === null ? "—" : `${formatPercent(value)}%`);

/**
 * What a run adds to its accuracy: how many outputs were kept ones reused
 * (and that fresh ones were asked for), and a swap run's position bias and
 * accuracies over both orders.
 */
function RunFigures({ run }: { run: EvaluationRunJson }) {
  const { reused, swap } = run.summary;
  const share = reused.outputs > 0 ? (100 * reused.cached) / reused.outputs : null;
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
      {run.freshOutputs ? (
        <span data-testid="run-reuse">Fresh outputs: every request sent to the model</span>
      ) : (
        // Only where outputs are kept: a model server's runs (the baseline computes each output afresh).
        share !== null &&
        run.servedModel !== null && (
          <span data-testid="run-reuse">
            Reused outputs: {reused.cached} of {reused.outputs} ({share.toFixed(0)}%)
          </span>
        )
      )}
      {run.servedModel && <span>served as {run.servedModel}</span>}
      {run.structured && <span data-testid="run-structured">output grammar: {run.structured}</span>}
      {swap && (
        <span data-testid="run-swap">
          Both orders: position bias {percent(swap.positionBias.value)} (n = {swap.positionBias.n}) · accuracy over
          consistent samples {percent(swap.consistentAccuracy.value)} (n = {swap.consistentAccuracy.n}) · correct in
          both orders {percent(swap.accuracyBothOrders.value)}
        </span>
      )}
    </div>
  );
}

/** One run: what it evaluates, its live progress while it runs, cancel, resume after a failure or a cancel, and its results as files. */
export function RunCard({ run: initial, modelLabel }: { run: EvaluationRunJson; modelLabel: string }) {
  const { data: run, error } = useLiveRun(initial);
  const cancel = useCancelRun();
  const resume = useResumeRun();
  // A run of the app's that stopped early carries on from where it was; an imported results file has nothing to resume.
  const canResume = (run.status === "failed" || run.status === "cancelled") && run.source === "app";
  const isActive = isRunActive(run);
  const { done, failed, total, samplesPerSecond, etaSeconds } = run.progress;
  const wait = describeRunWait(run.waitingFor);

  return (
    <li
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
      aria-label={`Run of ${modelLabel} on ${run.subset.name}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm">
          <span className="font-semibold">{run.subset.name}</span> · {describeRunProvider(run)} · {describeRunMode(run)}{" "}
          · <time dateTime={run.createdAt}>{formatRunTime(run.createdAt)}</time>
        </p>
        <p className="text-sm font-medium" data-status={run.status}>
          {statusText[run.status]}
        </p>
      </div>
      {wait && (
        <p className="text-sm text-slate-700" data-testid="run-wait">
          {wait}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
        <progress
          className="h-2 w-48 accent-brand-600"
          max={total}
          value={done}
          aria-label={`Progress of ${run.subset.name}`}
        />
        <span>
          {done} / {total} samples
        </span>
        {failed > 0 && (
          <span className="text-red-800" data-testid="run-failed-samples">
            {failed} failed after every attempt
          </span>
        )}
        {isActive && <span>{samplesPerSecond === null ? "—" : samplesPerSecond.toFixed(1)} samples/s</span>}
        {isActive && <span>about {formatEta(etaSeconds)} left</span>}
        {!isActive && run.summary.strict.n > 0 && (
          <span>
            strict accuracy {formatPercent(run.summary.strict.value)}% (n = {run.summary.strict.n})
          </span>
        )}
      </div>
      <RunFigures run={run} />
      <div className="flex flex-wrap items-center gap-4">
        {isActive && (
          <Button variant="danger" onClick={() => cancel.mutate(run.id)} disabled={cancel.isPending}>
            Cancel run
          </Button>
        )}
        {canResume && (
          <Button onClick={() => resume.mutate(run.id)} disabled={resume.isPending}>
            Resume run
          </Button>
        )}
        {done > 0 && (
          <>
            <Link className={linkClass} href={`/benchmarks/results?runs=${run.id}&outcome=wrong`}>
              Browse failures
            </Link>
            <a className={linkClass} href={`/api/benchmarks/runs/${run.id}/export?format=official`} download>
              Results (official JSON)
            </a>
            <a className={linkClass} href={`/api/benchmarks/runs/${run.id}/export?format=csv`} download>
              Results (CSV)
            </a>
            <a className={linkClass} href={`/api/benchmarks/runs/${run.id}/report`} download>
              Report (one HTML file)
            </a>
          </>
        )}
      </div>
      <ErrorMessage
        message={
          run.error
            ? `The run stopped: ${run.error.message}`
            : (cancel.error?.message ??
              resume.error?.message ??
              (error ? `Progress could not be read: ${error.message}` : null))
        }
      />
    </li>
  );
}
