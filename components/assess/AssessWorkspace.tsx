"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { lazy, Suspense, useEffect, useMemo } from "react";
import { useImagesById } from "@/components/images/use-library";
import { assessmentQueryOptions } from "./assessment-queries";
import { AssessStoreProvider, useAssess, useAssessStore } from "./assess-store";
import { CandidateSlots } from "./CandidateSlots";
import { JudgmentPanel } from "./JudgmentPanel";
import { LibraryPicker } from "./LibraryPicker";
import { PickedColumn } from "./PickedColumn";
import { ProfileCards } from "./ProfileCards";
import { ReferenceSetBar } from "./ReferenceSetBar";
import { RunControls } from "./RunControls";
import { RunSummary } from "./RunSummary";
import { ScoreTable } from "./ScoreTable";
import { SwapCheck } from "./SwapCheck";
import { readPickFromAddress } from "./pick-from-address";

// DreamSim (its panel, worker and onnxruntime-web) never loads with the page: the first-load budget is tight.
const SimilarityPanel = lazy(() => import("./similarity/SimilarityPanel"));

/**
 * Keeps the running assessment in the address, and reattaches to it after a
 * reload. Images sent from the gallery (`?preferred=…&nonPreferred=…&candidates=…`)
 * are put in place once, then leave the address.
 */
function useAssessmentInAddress() {
  const store = useAssessStore();
  const queryClient = useQueryClient();
  const assessmentId = useAssess((state) => state.live.assessmentId);
  useEffect(() => {
    const search = new URLSearchParams(window.location.search);
    const pick = readPickFromAddress(search);
    if (pick) {
      if (pick.preferred.length > 0) store.getState().addTo("preferred", pick.preferred);
      if (pick.nonPreferred.length > 0) store.getState().addTo("nonPreferred", pick.nonPreferred);
      pick.candidates.forEach((id, slot) => store.getState().setCandidate(slot as 0 | 1, id));
      window.history.replaceState(null, "", "/assess");
    }
    const id = search.get("assessment");
    if (!id) return;
    void (async () => {
      try {
        const { assessment } = await queryClient.fetchQuery(assessmentQueryOptions(id));
        store.getState().loadPicker({
          mode: assessment.mode,
          endpoint: assessment.endpoint,
          preferred: assessment.preferredImageIds,
          nonPreferred: assessment.nonPreferredImageIds,
          candidates: [assessment.candidateImageIds[0] ?? null, assessment.candidateImageIds[1] ?? null],
          referenceSetId: assessment.referenceSetId,
        });
        await store.getState().follow(id);
      } catch (error) {
        store.setState({ startError: `That assessment cannot be shown: ${(error as Error).message}` });
      }
    })();
  }, [store, queryClient]);
  useEffect(() => {
    if (!assessmentId) return;
    const url = `/assess?assessment=${assessmentId}`;
    if (window.location.pathname + window.location.search !== url) window.history.replaceState(null, "", url);
  }, [assessmentId]);
}

function Workspace({ dreamsimModelUrl }: { dreamsimModelUrl: string }) {
  useAssessmentInAddress();
  const live = useAssess((state) => state.live);
  const mode = useAssess((state) => state.mode);
  const candidates = useAssess((state) => state.candidates);
  const preferred = useAssess((state) => state.preferred);
  const nonPreferred = useAssess((state) => state.nonPreferred);
  const pickedIds = useMemo(
    () => [...preferred, ...nonPreferred, ...candidates.filter((id): id is string => id !== null)],
    [preferred, nonPreferred, candidates],
  );
  const { byId, isSettled } = useImagesById(pickedIds);
  const hasRun = live.status !== "idle";
  const hasPair = mode !== "single" && candidates[0] !== null && candidates[1] !== null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Assess</h1>
          <p className="text-sm text-slate-600">
            Choose images you like and dislike, then two candidates: the model predicts your taste, scores both and says
            which you would prefer. Not sure which to choose?{" "}
            <Link href="/taste" className="font-medium text-brand-700 underline">
              Find my taste
            </Link>{" "}
            picks them from about fifteen of your choices.
          </p>
        </div>
        <ReferenceSetBar />
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <LibraryPicker />
        <div className="space-y-4">
          <div className="grid gap-4 md:grid-cols-2">
            <PickedColumn column="preferred" byId={byId} isLookupDone={isSettled} />
            <PickedColumn column="nonPreferred" byId={byId} isLookupDone={isSettled} />
          </div>
          <CandidateSlots byId={byId} isLookupDone={isSettled} />
          <RunControls />
        </div>
      </div>
      {hasRun && (
        <div className="space-y-6 border-t border-slate-200 pt-6">
          {mode !== "fast" && <ProfileCards />}
          {mode !== "fast" && <ScoreTable />}
          <RunSummary />
          {live.status === "completed" && live.assessmentId && mode !== "single" && (
            <div className="grid gap-4 lg:grid-cols-2">
              <JudgmentPanel assessmentId={live.assessmentId} modelAnswer={live.answer} />
              <SwapCheck assessmentId={live.assessmentId} answer={live.answer} candidates={candidates} />
            </div>
          )}
        </div>
      )}
      {hasPair && (
        <Suspense fallback={null}>
          <SimilarityPanel modelUrl={dreamsimModelUrl} byId={byId} />
        </Suspense>
      )}
    </div>
  );
}

/** The assess page: build a reference set, pick candidates, watch the assessment stream in, record your judgment. */
export function AssessWorkspace({ dreamsimModelUrl }: { dreamsimModelUrl: string }) {
  return (
    <AssessStoreProvider>
      <Workspace dreamsimModelUrl={dreamsimModelUrl} />
    </AssessStoreProvider>
  );
}
