"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { callApi } from "@/lib/http/api-client";
import { describeCheckFigure, explainCheckScore } from "@/lib/taste/taste-check";
import { TASTE_CHECK_PAIRS, type TasteCheck, tasteCheckStateSchema } from "@/lib/taste/taste-contract";
import { tasteKeys } from "./taste-queries";

/**
 * "Check my taste" as the result shows it: offered before the set is saved
 * (the person may skip it), carried on when under way, and its figure with
 * what it means once done.
 */
export function TasteCheckOffer({
  sessionId,
  check,
  isSaved,
  onCheck,
}: {
  sessionId: string;
  check: TasteCheck;
  isSaved: boolean;
  onCheck: () => void;
}) {
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: () =>
      callApi(`/api/taste/sessions/${sessionId}/check`, { method: "POST", schema: tasteCheckStateSchema }),
    onSuccess: (state) => {
      queryClient.setQueryData(tasteKeys.check(sessionId), state.check);
      onCheck();
    },
  });
  if (isSaved && !check.isStarted) return null;

  return (
    <section
      aria-labelledby="check-offer-heading"
      className="space-y-2 rounded-xl border border-slate-200 bg-white p-4"
    >
      <h3 id="check-offer-heading" className="font-semibold">
        Check my taste
      </h3>
      {check.isComplete ? (
        <>
          <p className="font-medium">The model {describeCheckFigure(check.score)}.</p>
          <p className="text-sm text-slate-700">{explainCheckScore(check.score)}</p>
        </>
      ) : check.isStarted ? (
        <>
          <p className="text-sm text-slate-700">
            {check.answers.length} of {check.total} check pairs answered.
          </p>
          {!isSaved && (
            <Button variant="secondary" onClick={onCheck}>
              Carry on with the check
            </Button>
          )}
        </>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            Optional, before you save: {TASTE_CHECK_PAIRS} more pairs, new to you and drawn at random. For each, the
            model notes which picture it expects you to choose before you answer, and tells you after; at the end you
            see how many it got right. Your references stay as they are, and from then on the quiz&apos;s answers are
            fixed.
          </p>
          <ErrorMessage message={start.error?.message ?? null} />
          <Button variant="secondary" onClick={() => start.mutate()} disabled={start.isPending}>
            {start.isPending ? "Preparing the check…" : "Check my taste"}
          </Button>
        </>
      )}
    </section>
  );
}
