"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { callApi } from "@/lib/http/api-client";
import { type TasteProgress, tasteProgressSchema, type TasteSessionState } from "@/lib/taste/taste-contract";
import { TastePicture } from "./TastePicture";
import { currentTasteSessionQueryOptions } from "./taste-queries";
import { type PairChoice, usePairKeys } from "./use-pair-keys";

/** Words for how far the quiz has come: "about 6 more to go". */
function describeProgress(state: TasteSessionState): string {
  const { clicks, remainingEstimate } = state.status;
  const done = `${clicks} ${clicks === 1 ? "answer" : "answers"} so far`;
  if (remainingEstimate <= 0) return `${done}; a few more sharpen the picture, or see your references now.`;
  return `${done}; about ${remainingEstimate} more to go.`;
}

/**
 * Two pictures, "which do you prefer?": keys 1 and 2, 0 for neither, z to
 * undo. Each answer carries a key kept for its retries, so a click sent twice
 * is stored once; the server's answer says which pair comes next.
 */
export function TastePairScreen({ state, onStop }: { state: TasteSessionState; onStop: () => void }) {
  const queryClient = useQueryClient();
  const { session, next } = state;
  const keyOfPosition = useRef(new Map<number, string>());
  const apply = (progress: TasteProgress) =>
    queryClient.setQueryData(
      currentTasteSessionQueryOptions().queryKey,
      (current) => current && { ...current, ...progress },
    );
  const answer = useMutation({
    mutationFn: (choice: PairChoice) => {
      if (!next) throw new Error("There is no pair to answer.");
      const keys = keyOfPosition.current;
      if (!keys.has(next.position)) keys.set(next.position, crypto.randomUUID());
      return callApi(`/api/taste/sessions/${session.id}/answers`, {
        method: "POST",
        body: {
          position: next.position,
          leftImageId: next.leftImageId,
          rightImageId: next.rightImageId,
          choice,
          key: keys.get(next.position),
        },
        schema: tasteProgressSchema,
      });
    },
    onSuccess: apply,
  });
  const undo = useMutation({
    mutationFn: () =>
      callApi(`/api/taste/sessions/${session.id}/undo`, { method: "POST", schema: tasteProgressSchema }),
    onSuccess: (progress) => {
      // The undone click is asked again: it gets a new key, or the server would return the undone answer.
      keyOfPosition.current.delete(progress.next?.position ?? -1);
      apply(progress);
    },
  });
  const isBusy = answer.isPending || undo.isPending;

  usePairKeys({
    canChoose: next !== null,
    canUndo: state.status.clicks > 0,
    isBusy,
    onChoose: (choice) => answer.mutate(choice),
    onUndo: () => undo.mutate(),
  });

  return (
    <section aria-labelledby="pair-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="pair-heading" className="text-xl font-semibold">
          Which do you prefer?
        </h2>
        <p className="text-sm text-slate-600" aria-live="polite">
          {describeProgress(state)}
        </p>
      </div>
      {next ? (
        <div className="grid max-w-4xl grid-cols-2 gap-4" aria-busy={isBusy}>
          {([1, 2] as const).map((side) => (
            <button
              key={side}
              type="button"
              disabled={isBusy}
              onClick={() => answer.mutate(side)}
              className="group space-y-2 rounded-xl border-2 border-transparent p-2 text-left hover:border-brand-600 focus-visible:border-brand-600 focus-visible:outline-none disabled:opacity-60"
              aria-label={`Prefer the ${side === 1 ? "left" : "right"} picture (key ${side})`}
            >
              <TastePicture imageId={side === 1 ? next.leftImageId : next.rightImageId} alt="" />
              <span className="block text-center text-sm font-medium">
                <kbd className="rounded border border-slate-300 bg-white px-1.5">{side}</kbd>{" "}
                {side === 1 ? "Left" : "Right"}
              </span>
            </button>
          ))}
        </div>
      ) : (
        <p className="text-sm text-slate-600">Every pair of this pool has been shown.</p>
      )}
      <ErrorMessage message={answer.error?.message ?? undo.error?.message ?? null} />
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={isBusy || !next} onClick={() => answer.mutate(0)}>
          <kbd className="mr-1 rounded border border-slate-300 px-1">0</kbd> Neither / can&apos;t say
        </Button>
        <Button variant="secondary" disabled={isBusy || state.status.clicks === 0} onClick={() => undo.mutate()}>
          <kbd className="mr-1 rounded border border-slate-300 px-1">z</kbd> Undo
        </Button>
        <Button onClick={onStop} disabled={isBusy || state.status.clicks === 0}>
          See my references
        </Button>
      </div>
    </section>
  );
}
