"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { callApi } from "@/lib/http/api-client";
import { describeCheckFigure, explainCheckScore } from "@/lib/taste/taste-check";
import { type TasteCheck, type TasteCheckAnswer, tasteCheckStateSchema } from "@/lib/taste/taste-contract";
import { TastePicture } from "./TastePicture";
import { tasteKeys } from "./taste-queries";
import { type PairChoice, usePairKeys } from "./use-pair-keys";

const sideName = (side: number) => (side === 1 ? "the left one" : "the right one");

/** What the model expected for the pair just answered, said only now that the answer is in. */
function describeReveal(answer: TasteCheckAnswer): string {
  const expected = `I expected ${sideName(answer.predicted)} (${Math.round(answer.predictedProbability * 100)}% sure)`;
  if (answer.isCorrect === null) return `${expected}; you said neither, so this pair does not count.`;
  return answer.isCorrect
    ? `${expected}, and you chose it too.`
    : `${expected}, but you chose ${sideName(answer.choice)}.`;
}

/** The figure so far: "So far: predicted 3 of 4." */
function describeRunningFigure(check: TasteCheck): string {
  const { correct, counted, neither } = check.score;
  if (check.answers.length === 0)
    return "The model has written down its guess for this pair; it tells you after your answer.";
  return `So far: predicted ${correct} of ${counted}${neither ? ` (${neither} “neither” not counted)` : ""}.`;
}

/**
 * "Check my taste": a few more pairs, each with the model's guess stored
 * before the person answers; the guess is revealed after the answer, with
 * the figure so far, and at the end the figure with what it means. Keys 1,
 * 2, 0 and z as in the quiz; a reload resumes at the waiting pair.
 */
export function TasteCheckScreen({
  sessionId,
  check,
  onAnswered,
  onClose,
}: {
  sessionId: string;
  check: TasteCheck;
  /** Called on each answer or undo: the page keeps this screen up, also once the check is complete. */
  onAnswered: () => void;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const { next } = check;
  const keyOfPosition = useRef(new Map<number, string>());
  const apply = (state: { check: TasteCheck }) => {
    queryClient.setQueryData(tasteKeys.check(sessionId), state.check);
    onAnswered();
  };
  const answer = useMutation({
    mutationFn: (choice: PairChoice) => {
      if (!next) throw new Error("There is no pair to answer.");
      const keys = keyOfPosition.current;
      if (!keys.has(next.position)) keys.set(next.position, crypto.randomUUID());
      return callApi(`/api/taste/sessions/${sessionId}/check/answers`, {
        method: "POST",
        body: {
          position: next.position,
          leftImageId: next.leftImageId,
          rightImageId: next.rightImageId,
          choice,
          key: keys.get(next.position),
        },
        schema: tasteCheckStateSchema,
      });
    },
    onSuccess: apply,
  });
  const undo = useMutation({
    mutationFn: () =>
      callApi(`/api/taste/sessions/${sessionId}/check/undo`, { method: "POST", schema: tasteCheckStateSchema }),
    onSuccess: (state) => {
      // The undone pair is asked again: a new key, or the server would return the undone answer.
      keyOfPosition.current.delete(state.check.next?.position ?? -1);
      apply(state);
    },
  });
  const isBusy = answer.isPending || undo.isPending;
  usePairKeys({
    canChoose: next !== null,
    canUndo: check.answers.length > 0,
    isBusy,
    onChoose: (choice) => answer.mutate(choice),
    onUndo: () => undo.mutate(),
  });

  // Focus follows the new content: the check's heading when it opens, the figure once it is complete.
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const wasComplete = useRef(check.isComplete);
  useEffect(() => {
    if (check.isComplete && !wasComplete.current) summary.current?.focus();
    wasComplete.current = check.isComplete;
  }, [check.isComplete]);

  const last = check.answers.at(-1);
  return (
    <section aria-labelledby="check-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="check-heading" ref={heading} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
          Check my taste
        </h2>
        <p className="text-sm text-slate-600">
          {next ? `Pair ${next.position + 1} of ${check.total}` : `${check.answers.length} pairs answered`}
        </p>
      </div>
      <div aria-live="polite" className="space-y-1 text-sm">
        {last && (
          <div className="flex items-center gap-3 rounded-md border border-slate-200 bg-white p-2">
            <TastePicture imageId={last.leftImageId} alt="The last pair, left picture" size="small" />
            <TastePicture imageId={last.rightImageId} alt="The last pair, right picture" size="small" />
            <p data-testid="check-reveal">{describeReveal(last)}</p>
          </div>
        )}
        {!check.isComplete && <p className="text-slate-700">{describeRunningFigure(check)}</p>}
      </div>
      {next ? (
        <>
          <p className="text-sm text-slate-600">
            Which do you prefer? These pairs are new to you and drawn at random; your answers here do not change your
            references.
          </p>
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
        </>
      ) : (
        <div
          ref={summary}
          tabIndex={-1}
          className="space-y-2 rounded-xl border border-brand-100 bg-brand-50 p-4 focus:outline-none"
          data-testid="check-summary"
        >
          <p className="text-lg font-semibold">The model {describeCheckFigure(check.score)}.</p>
          <p className="text-sm text-slate-700">{explainCheckScore(check.score)}</p>
          <p className="text-sm text-slate-600">
            Each guess was stored before you answered, from your quiz answers alone, on pairs you had not seen.
          </p>
        </div>
      )}
      <ErrorMessage message={answer.error?.message ?? undo.error?.message ?? null} />
      <div className="flex flex-wrap gap-2">
        {next && (
          <Button variant="secondary" disabled={isBusy} onClick={() => answer.mutate(0)}>
            <kbd className="mr-1 rounded border border-slate-300 px-1">0</kbd> Neither / can&apos;t say
          </Button>
        )}
        <Button variant="secondary" disabled={isBusy || check.answers.length === 0} onClick={() => undo.mutate()}>
          <kbd className="mr-1 rounded border border-slate-300 px-1">z</kbd> Undo
        </Button>
        <Button variant={check.isComplete ? "primary" : "secondary"} disabled={isBusy} onClick={onClose}>
          Back to my references
        </Button>
      </div>
    </section>
  );
}
