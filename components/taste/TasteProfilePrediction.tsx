"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { cancelAssessment, followAssessmentStream } from "@/components/assess/follow-assessment-stream";
import { ProfileEditor } from "@/components/assess/ProfileEditor";
import { profileViewQueryOptions, referenceSetKeys } from "@/components/assess/reference-set-queries";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { applyEvent, emptyLiveAssessment, hasEnded, type LiveAssessment } from "@/lib/assessments/live-assessment";
import { describeModel } from "@/lib/assessments/provider-label";
import { attributeKeys } from "@/lib/preferthinker/attributes";
import type { TasteSavedSet } from "@/lib/taste/taste-contract";

/** How far a run has come, in words. */
function describeRun(live: LiveAssessment): string {
  const who = live.provider && live.model ? describeModel({ provider: live.provider, model: live.model }) : null;
  if (live.status === "queued")
    return `Waiting for the model${live.queuePosition ? ` (number ${live.queuePosition} in the queue)` : ""}…`;
  if (live.status === "connecting" || live.status === "idle") return "Starting…";
  const filled = [...live.profiles.preference.slice(0, 1), ...live.profiles.nonPreference.slice(0, 1)].reduce(
    (sum, profile) => sum + attributeKeys.filter((key) => profile[key]).length,
    0,
  );
  return `Predicting${who ? ` with ${who}` : ""}: ${filled} of ${attributeKeys.length * 2} profile attributes so far…`;
}

/**
 * "Predict my profile": one reasoning-mode assessment of the saved set, with
 * two other judged pictures as its candidates (a normal assessment, kept in
 * History), followed as it streams; then the profile it predicted, named
 * with who predicted it (the baseline as such), beside the person's own
 * words, which they can write and save to the set.
 */
export function TasteProfilePrediction({
  referenceSet,
  candidates,
}: {
  referenceSet: TasteSavedSet;
  /** Two pictures of the person's not in the set; null when the quiz has none to offer. */
  candidates: [string, string] | null;
}) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveAssessment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isDone = live?.status === "completed";
  const view = useQuery({ ...profileViewQueryOptions(referenceSet.id), enabled: isDone });

  // Leaving the page stops reading the run (it still runs to its end and is stored).
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  // Focus moves to the predicted profile once it is there.
  const heading = useRef<HTMLHeadingElement>(null);
  const hasView = isDone && view.data !== undefined;
  useEffect(() => {
    if (hasView) heading.current?.focus();
  }, [hasView]);

  async function run() {
    if (!candidates) return;
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setError(null);
    let state: LiveAssessment = { ...emptyLiveAssessment, status: "connecting" };
    setLive(state);
    const body = {
      preferredImageIds: referenceSet.preferredImageIds,
      nonPreferredImageIds: referenceSet.nonPreferredImageIds,
      candidateImageIds: candidates,
      mode: "reasoning",
      referenceSetId: referenceSet.id,
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
      onEvents: (events) => setLive((state = events.reduce(applyEvent, state))),
      current: () => state,
      signal: own.signal,
    });
    if (own.signal.aborted) return;
    if (refused !== null) {
      setError(state.assessmentId ? refused : `The prediction could not start: ${refused}`);
      if (!state.assessmentId) setLive(null);
    }
    await queryClient.invalidateQueries({ queryKey: referenceSetKeys.profile(referenceSet.id) });
  }

  async function cancel() {
    const id = live?.assessmentId;
    if (!id) return;
    const refused = await cancelAssessment(id);
    if (refused) setError(refused);
  }

  const isRunning = live !== null && !hasEnded(live.status);
  return (
    <section aria-labelledby="predict-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h3 id="predict-heading" className="text-lg font-semibold">
        Predict my profile
      </h3>
      <p className="text-sm text-slate-600">
        Runs one assessment of your saved references in reasoning mode, with two other pictures you judged as its
        candidates, and shows the taste profile it reads from them beside your own words. It is kept in your History
        like any other assessment.
      </p>
      {!candidates && (
        <p className="text-sm text-slate-600">This quiz has no two other pictures of yours to use as candidates.</p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => void run()} disabled={isRunning || !candidates}>
          {isRunning ? "Predicting…" : live ? "Predict my profile again" : "Predict my profile"}
        </Button>
        {isRunning && live?.assessmentId && (
          <Button variant="secondary" onClick={() => void cancel()}>
            Cancel the prediction
          </Button>
        )}
      </div>
      {isRunning && (
        <p role="status" className="text-sm text-slate-700">
          {describeRun(live)}
        </p>
      )}
      {live?.status === "cancelled" && <p className="text-sm text-slate-600">The prediction was cancelled.</p>}
      <ErrorMessage
        message={error ?? (live?.status === "failed" ? (live.error?.message ?? "The prediction failed.") : null)}
      />
      <ErrorMessage message={view.error?.message ?? null} />
      {hasView && (
        <div className="space-y-3">
          <h4 ref={heading} tabIndex={-1} className="text-base font-semibold focus:outline-none">
            Your predicted profile
          </h4>
          {view.data.predicted ? (
            <ProfileEditor key={view.data.predicted.assessmentId} view={view.data} headingLevel="h5" />
          ) : (
            <p className="text-sm text-slate-600">The assessment finished without a profile to show.</p>
          )}
        </div>
      )}
    </section>
  );
}
