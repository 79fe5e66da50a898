"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { applyEvent, emptyLiveAssessment, hasEnded, type LiveAssessment } from "@/lib/assessments/live-assessment";
import { judgeSwap } from "@/lib/assessments/swap-verdict";
import { assessmentKeys, assessmentQueryOptions } from "./assessment-queries";
import { useAssessStore } from "./assess-store";
import { cancelAssessment, followAssessmentStream } from "./follow-assessment-stream";

/** A swapped run as the verdict needs it, whether it ran in this page or was stored earlier. */
type Repeat = {
  status: LiveAssessment["status"];
  answer: string | null;
  candidateImageIds: (string | null)[];
  errorMessage: string | null;
};

/**
 * Runs the same assessment again with A and B swapped, and says whether the
 * answer followed the image (consistent) or the position (position bias).
 * The verdict comes back after a reload, from the stored swapped repeat.
 */
export function SwapCheck({
  assessmentId,
  answer,
  candidates,
}: {
  assessmentId: string;
  answer: string | null;
  candidates: [string | null, string | null];
}) {
  const store = useAssessStore();
  const queryClient = useQueryClient();
  const stored = useQuery(assessmentQueryOptions(assessmentId));
  const [swapped, setSwapped] = useState<LiveAssessment | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Leaving the page stops reading the swapped run (it still runs to its end and is stored).
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  async function run() {
    const state = store.getState();
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setError(null);
    let live: LiveAssessment = { ...emptyLiveAssessment, status: "connecting" };
    setSwapped(live);
    const body = {
      preferredImageIds: state.preferred,
      nonPreferredImageIds: state.nonPreferred,
      candidateImageIds: [candidates[1], candidates[0]],
      mode: state.mode,
      swapOf: assessmentId,
      ...(state.endpoint ? { endpoint: state.endpoint } : {}),
      ...(state.referenceSetId ? { referenceSetId: state.referenceSetId } : {}),
    };
    const refused = await followAssessmentStream({
      open: (signal) =>
        fetch("/api/assessments", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          cache: "no-store",
          body: JSON.stringify(body),
          signal,
        }),
      onEvents: (events) => setSwapped((live = events.reduce(applyEvent, live))),
      current: () => live,
      signal: own.signal,
    });
    if (own.signal.aborted) return;
    if (refused !== null) {
      setError(live.assessmentId ? refused : `The swapped assessment could not start: ${refused}`);
      if (!live.assessmentId) setSwapped(null);
    }
    void queryClient.invalidateQueries({ queryKey: assessmentKeys.one(assessmentId) });
  }

  async function cancel() {
    const id = swapped?.assessmentId;
    if (!id) return;
    const refused = await cancelAssessment(id);
    if (refused) setError(refused);
  }

  // This page's run first; otherwise the newest stored repeat that ended (a running one may still be on its way).
  const storedRepeat = stored.data?.assessment.swappedRepeats.find((entry) => hasEnded(entry.status));
  const repeat: Repeat | null = swapped
    ? {
        status: swapped.status,
        answer: swapped.answer,
        candidateImageIds: [candidates[1], candidates[0]],
        errorMessage: swapped.error?.message ?? null,
      }
    : storedRepeat
      ? {
          status: storedRepeat.status,
          answer: storedRepeat.answer,
          candidateImageIds: storedRepeat.candidateImageIds,
          errorMessage: null,
        }
      : null;
  const verdict = repeat?.status === "completed" ? judgeSwap({ answer, candidateImageIds: candidates }, repeat) : null;
  const isRunning = swapped !== null && !hasEnded(swapped.status);
  const originalId = stored.data?.assessment.swapOfId ?? null;

  return (
    <section aria-labelledby="swap-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="swap-heading" className="text-lg font-semibold">
        Swap check
      </h2>
      {originalId ? (
        <p className="text-sm text-slate-600">
          This run is itself the swap check of an earlier assessment, with A and B swapped.{" "}
          <Link href={`/assess?assessment=${originalId}`} className="font-medium text-brand-700 underline">
            Open the original
          </Link>
        </p>
      ) : (
        <p className="text-sm text-slate-600">
          Runs the same assessment with A and B swapped: a model that judges the images, not their places, names the
          same image again.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => void run()} disabled={isRunning || !answer}>
          {isRunning
            ? "Running with A and B swapped…"
            : repeat
              ? "Run with A and B swapped again"
              : "Run with A and B swapped"}
        </Button>
        {isRunning && swapped?.assessmentId && (
          <Button variant="secondary" onClick={() => void cancel()}>
            Cancel the swapped run
          </Button>
        )}
      </div>
      {verdict && (
        <p
          role="status"
          className={`text-sm font-medium ${verdict === "consistent" ? "text-emerald-700" : "text-amber-800"}`}
          data-testid="swap-verdict"
        >
          {verdict === "consistent"
            ? `Consistent: swapped, the answer was ${repeat?.answer}, the same image.`
            : verdict === "no-answer"
              ? "The swapped run gave no answer."
              : `Position bias: swapped, the answer was ${repeat?.answer}, which is the other image.`}
        </p>
      )}
      {repeat?.status === "cancelled" && <p className="text-sm text-slate-600">The swapped run was cancelled.</p>}
      {repeat?.status === "failed" && (
        <p className="text-sm text-red-700">{repeat.errorMessage ?? "The swapped run failed."}</p>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
