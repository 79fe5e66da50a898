"use client";

import { useMemo } from "react";
import { BackendSummary } from "@/components/dreamsim/BackendSummary";
import { InstallHint } from "@/components/dreamsim/InstallHint";
import { ModelLoadProgress } from "@/components/dreamsim/ModelLoadProgress";
import { useDreamsimModel } from "@/components/dreamsim/use-dreamsim-model";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { agreesWithModel } from "@/lib/dreamsim/similarity-vote";
import type { ImageJson } from "@/lib/images/image-contract";
import { useAssess } from "../assess-store";
import { CandidateDistances } from "./CandidateDistances";
import { type SimilarityInputs, useSimilarityVote } from "./use-similarity-vote";
import { VoteSummary } from "./VoteSummary";

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/**
 * A second, model-free opinion beside the assessment: how close each
 * candidate is, perceptually (DreamSim, run in this browser), to the liked
 * and disliked references, and which candidate that favours.
 */
export default function SimilarityPanel({ modelUrl, byId }: { modelUrl: string; byId: Map<string, ImageJson> }) {
  const { state, load } = useDreamsimModel(modelUrl);
  const liked = useAssess((s) => s.preferred);
  const disliked = useAssess((s) => s.nonPreferred);
  const candidates = useAssess((s) => s.candidates);
  const live = useAssess((s) => s.live);
  const [a, b] = candidates;
  const inputs = useMemo<SimilarityInputs | null>(
    () => (a && b && liked.length + disliked.length > 0 ? { liked, disliked, candidates: [a, b] } : null),
    [a, b, liked, disliked],
  );
  const similarity = useSimilarityVote(state.status === "loaded" ? state.client : null, inputs);
  const modelAnswer = live.status === "completed" ? live.answer : null;

  return (
    <section
      aria-labelledby="similarity-heading"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      data-testid="similarity-panel"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="similarity-heading" className="text-lg font-semibold">
          Perceptual similarity (DreamSim)
        </h2>
        <a href="/dreamsim" className="text-sm text-brand-700 underline">
          Model check
        </a>
      </div>
      {state.status === "checking" && (
        <p className="text-sm text-slate-600">Looking for an installed DreamSim model…</p>
      )}
      {state.status === "absent" && <InstallHint modelUrl={modelUrl} />}
      {state.status === "available" && (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={() => void load("auto")}>
            Compare with DreamSim
          </Button>
          <span className="text-sm text-slate-600">
            Runs in your browser: downloads {state.manifest.variant} ({megabytes(state.manifest.bytes)}) once.
          </span>
        </div>
      )}
      {state.status === "loading" && (
        <ModelLoadProgress loadedBytes={state.loadedBytes} totalBytes={state.totalBytes} />
      )}
      <ErrorMessage
        message={state.status === "failed" ? state.message : similarity.status === "failed" ? similarity.message : null}
      />
      {state.status === "loaded" && !inputs && (
        <p className="text-sm text-slate-600">Pick both candidates and at least one reference to compare them.</p>
      )}
      {similarity.status === "computing" && (
        <div className="space-y-1">
          <label htmlFor="similarity-progress" className="block text-sm text-slate-700">
            Embedding images: {similarity.done} of {similarity.total}
          </label>
          <progress
            id="similarity-progress"
            max={similarity.total}
            value={similarity.done}
            className="h-2 w-full accent-brand-600"
          />
        </div>
      )}
      {similarity.status === "done" && inputs && (
        <>
          <VoteSummary
            vote={similarity.vote}
            agreement={agreesWithModel(similarity.vote.answer, modelAnswer)}
            modelAnswer={modelAnswer}
            isTestModel={state.status === "loaded" && state.manifest.isTestModel}
          />
          <div className="grid gap-3 lg:grid-cols-2">
            {(["Image A", "Image B"] as const).map((label, index) => (
              <CandidateDistances
                key={label}
                label={label}
                similarity={similarity.vote.candidates[index]!}
                liked={inputs.liked}
                disliked={inputs.disliked}
                byId={byId}
              />
            ))}
          </div>
        </>
      )}
      {state.status === "loaded" && (
        <div className="space-y-1 border-t border-slate-100 pt-2">
          <BackendSummary model={state.model} />
          {similarity.status === "done" && (
            <p className="text-sm text-slate-600" data-testid="similarity-timings">
              Per image:{" "}
              {similarity.timings.meanInferenceMs === null
                ? "every embedding came from this browser's cache"
                : `${similarity.timings.meanInferenceMs.toFixed(1)} ms inference, ${similarity.timings.meanTotalMs!.toFixed(1)} ms with download and pre-processing`}
              {` (${similarity.timings.embedded} embedded, ${similarity.timings.cacheHits} from the cache).`}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
