"use client";

import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { applyEvent, emptyLiveAssessment, type LiveAssessment } from "@/lib/assessments/live-assessment";
import { useAssessStore } from "./assess-store";
import { readEventStream } from "./read-event-stream";

/** Which image an answer names, by id: position-free, so two runs with A and B swapped can be compared. */
const chosenImage = (answer: string | null, candidates: (string | null)[]) => (answer === "Image A" ? candidates[0] : answer === "Image B" ? candidates[1] : null);

/**
 * Runs the same assessment again with A and B swapped, and says whether the
 * answer followed the image (consistent) or the position (position bias).
 */
export function SwapCheck({ assessmentId, answer, candidates }: { assessmentId: string; answer: string | null; candidates: [string | null, string | null] }) {
  const store = useAssessStore();
  const [swapped, setSwapped] = useState<LiveAssessment | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    const state = store.getState();
    setError(null);
    setSwapped({ ...emptyLiveAssessment, status: "connecting" });
    const response = await fetch("/api/assessments", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      cache: "no-store",
      body: JSON.stringify({
        preferredImageIds: state.preferred,
        nonPreferredImageIds: state.nonPreferred,
        candidateImageIds: [candidates[1], candidates[0]],
        mode: state.mode,
        swapOf: assessmentId,
        ...(state.endpoint ? { endpoint: state.endpoint } : {}),
        ...(state.referenceSetId ? { referenceSetId: state.referenceSetId } : {}),
      }),
    }).catch(() => null);
    if (!response?.ok || !response.body) {
      const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? "The swapped assessment could not start.");
      setSwapped(null);
      return;
    }
    let live = { ...emptyLiveAssessment, status: "connecting" as const } as LiveAssessment;
    await readEventStream(response.body, (events) => setSwapped((live = events.reduce(applyEvent, live))), new AbortController().signal);
  }

  const first = chosenImage(answer, candidates);
  const second = swapped?.status === "completed" ? chosenImage(swapped.answer, [candidates[1], candidates[0]]) : undefined;
  const isRunning = swapped !== null && !["completed", "failed", "cancelled"].includes(swapped.status);

  return (
    <section aria-labelledby="swap-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="swap-heading" className="text-lg font-semibold">
        Swap check
      </h2>
      <p className="text-sm text-slate-600">Runs the same assessment with A and B swapped: a model that judges the images, not their places, names the same image again.</p>
      <Button variant="secondary" onClick={() => void run()} disabled={isRunning || !answer}>
        {isRunning ? "Running with A and B swapped…" : "Run with A and B swapped"}
      </Button>
      {second !== undefined && (
        <p role="status" className={`text-sm font-medium ${first && second === first ? "text-emerald-700" : "text-amber-800"}`} data-testid="swap-verdict">
          {first && second === first
            ? `Consistent: swapped, the answer was ${swapped?.answer}, the same image.`
            : second === null
              ? "The swapped run gave no answer."
              : `Position bias: swapped, the answer was ${swapped?.answer}, which is the other image.`}
        </p>
      )}
      {swapped?.status === "failed" && <p className="text-sm text-red-700">{swapped.error?.message ?? "The swapped run failed."}</p>}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
