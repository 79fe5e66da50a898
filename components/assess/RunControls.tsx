"use client";

import { ModelSelect, useModelEndpoints } from "@/components/models/ModelSelect";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import type { AssessmentMode } from "@/lib/preferthinker/types";
import { useAssess } from "./assess-store";

const modes: { value: AssessmentMode; label: string; hint: string }[] = [
  { value: "reasoning", label: "Reasoning", hint: "profile, scores, totals, answer" },
  { value: "fast", label: "Fast", hint: "the answer only" },
  { value: "single", label: "Single image", hint: "scores for one candidate" },
];

/** What is missing before an assessment can start, in words; null when it can. */
function findBlocker(state: {
  preferred: string[];
  nonPreferred: string[];
  candidates: (string | null)[];
  mode: AssessmentMode;
}): string | null {
  if (state.preferred.length === 0) return "Add at least one liked image.";
  if (state.nonPreferred.length === 0) return "Add at least one disliked image.";
  if (!state.candidates[0]) return "Pick Image A.";
  if (state.mode !== "single" && !state.candidates[1]) return "Pick Image B.";
  return null;
}

export function RunControls() {
  const mode = useAssess((state) => state.mode);
  const setMode = useAssess((state) => state.setMode);
  const endpoint = useAssess((state) => state.endpoint);
  const setEndpoint = useAssess((state) => state.setEndpoint);
  const status = useAssess((state) => state.live.status);
  const startError = useAssess((state) => state.startError);
  const start = useAssess((state) => state.start);
  const cancel = useAssess((state) => state.cancel);
  const blocker = useAssess(findBlocker);
  const models = useModelEndpoints();
  const isActive = status === "connecting" || status === "queued" || status === "running";

  return (
    <section aria-label="Run" className="space-y-3 rounded-xl border border-slate-200 bg-white p-3">
      <fieldset>
        <legend className="text-sm font-semibold">Mode</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {modes.map((option) => (
            <label key={option.value} className="flex items-center gap-1.5 text-sm">
              <input
                type="radio"
                name="mode"
                value={option.value}
                checked={mode === option.value}
                onChange={() => setMode(option.value)}
                disabled={isActive}
              />
              {option.label} <span className="text-slate-500">({option.hint})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="text-sm">
        <label htmlFor="model-select" className="font-semibold">
          Model
        </label>
        <ModelSelect
          id="model-select"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5"
          value={endpoint}
          onChange={(name) => setEndpoint(name || null)}
          disabled={isActive}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        {isActive ? (
          <Button variant="danger" onClick={() => void cancel()}>
            Cancel
          </Button>
        ) : (
          <Button disabled={blocker !== null} onClick={() => void start()}>
            Assess
          </Button>
        )}
        {!isActive && blocker && <p className="text-sm text-slate-600">{blocker}</p>}
      </div>
      <ErrorMessage
        message={startError ?? (models.error ? `The model list could not be loaded: ${models.error.message}` : null)}
      />
    </section>
  );
}
