"use client";

import { useState } from "react";
import { computedTotal, tokensPerSecond } from "@/lib/assessments/live-assessment";
import { baselineNames, isBaselineProvider } from "@/lib/assessments/provider-label";
import { useAssess } from "./assess-store";

const seconds = (ms: number | null) => (ms === null ? "–" : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);

const statusText: Record<string, string> = {
  idle: "",
  connecting: "Starting…",
  queued: "Waiting for the model",
  running: "Streaming",
  completed: "Finished",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** Totals (stated and computed, with a warning when they differ), the answer, the issues, the timings, and the raw text. */
export function RunSummary() {
  const live = useAssess((state) => state.live);
  const mode = useAssess((state) => state.mode);
  const [showRaw, setShowRaw] = useState(false);
  const images = mode === "single" ? (["A"] as const) : (["A", "B"] as const);
  const rate = tokensPerSecond(live);
  // The baseline writes its text from image statistics, not token by token: a rate would mean nothing, so it has no cell.
  const hasTokenRate = !isBaselineProvider(live.provider);
  return (
    <section aria-labelledby="summary-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="summary-heading" className="text-lg font-semibold">
          Result{" "}
          {isBaselineProvider(live.provider) ? (
            <span
              className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 align-middle text-xs font-medium text-amber-900"
              data-testid="baseline-badge"
            >
              {baselineNames.badge}
            </span>
          ) : (
            live.model && <span className="ml-2 align-middle text-sm font-normal text-slate-500">by {live.model}</span>
          )}
        </h2>
        <p className="text-sm text-slate-600" role="status" aria-live="polite">
          {statusText[live.status]}
          {live.status === "queued" && live.queuePosition !== null && ` (place ${live.queuePosition} in the queue)`}
        </p>
      </div>
      {live.error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {live.error.message} {live.text && "The output so far is kept below."}
        </p>
      )}
      {mode !== "fast" && (
        <div className="grid gap-3 sm:grid-cols-2">
          {images.map((image) => {
            const stated = live.totals[image]?.stated ?? null;
            const computed = computedTotal(live, image);
            const differs = stated !== null && computed !== null && stated !== computed;
            return (
              <div
                key={image}
                className={`rounded-xl border p-3 ${differs ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
                data-testid={`total-${image}`}
              >
                <p className="text-sm text-slate-500">{mode === "single" ? "Candidate" : `Image ${image}`} total</p>
                <p className="text-2xl font-semibold">{stated ?? computed ?? "…"}</p>
                <p className="text-xs text-slate-600">
                  stated {stated ?? "–"} · sum of scores {computed ?? "–"}
                </p>
                {differs && (
                  <p className="mt-1 text-sm font-medium text-amber-800">
                    The stated total is not the sum of the scores.
                  </p>
                )}
              </div>
            );
          })}
        </div>
      )}
      {live.answer !== null && (
        <p className="rounded-xl border border-brand-100 bg-brand-50 p-3 text-lg" data-testid="answer">
          {isBaselineProvider(live.provider) ? "The baseline's answer" : "The model's answer"}:{" "}
          <strong>{live.answer}</strong>
        </p>
      )}
      {live.issues.length > 0 && (
        <div className="rounded-xl border border-amber-200 bg-amber-50 p-3">
          <h3 className="text-sm font-semibold text-amber-900">Consistency issues</h3>
          <ul className="mt-1 list-disc pl-5 text-sm text-amber-900">
            {live.issues.map((issue, index) => (
              <li key={index}>{issue.message}</li>
            ))}
          </ul>
        </div>
      )}
      {live.status !== "idle" && (
        <dl
          className={`grid grid-cols-2 gap-2 text-sm ${hasTokenRate ? "sm:grid-cols-4" : "sm:grid-cols-3"}`}
          aria-label="Timings"
        >
          <div>
            <dt className="text-slate-500">Queue wait</dt>
            <dd>{seconds(live.timings.queueWaitMs)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">First token</dt>
            <dd>{seconds(live.timings.firstTokenMs)}</dd>
          </div>
          {hasTokenRate && (
            <div>
              <dt className="text-slate-500">Tokens/s</dt>
              <dd>{rate === null ? "–" : rate.toFixed(0)}</dd>
            </div>
          )}
          <div>
            <dt className="text-slate-500">Total</dt>
            <dd>{seconds(live.timings.totalMs)}</dd>
          </div>
        </dl>
      )}
      {live.text && (
        <div>
          <button
            type="button"
            className="text-sm font-medium text-brand-700 underline"
            aria-expanded={showRaw}
            onClick={() => setShowRaw(!showRaw)}
          >
            {showRaw ? "Hide the raw output" : "Show the raw output"}
          </button>
          {showRaw && (
            <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
              {live.text}
            </pre>
          )}
        </div>
      )}
    </section>
  );
}
