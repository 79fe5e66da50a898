"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { callApi } from "@/lib/http/api-client";
import { wasShown } from "@/lib/taste/offline-pairs";
import { goOnOffline, takeBackOffline } from "@/lib/taste/offline-quiz-state";
import {
  type TasteAnswerBody,
  type TasteNextPair,
  type TasteProgress,
  tasteProgressSchema,
  type TasteSessionState,
} from "@/lib/taste/taste-contract";
import { TastePicture } from "./TastePicture";
import {
  flushTasteAnswers,
  isWorthRetrying,
  pendingTasteAnswers,
  queueTasteAnswer,
  settleTasteFlush,
  takeBackLastTasteAnswer,
  type TasteFlushOutcome,
} from "./taste-answer-outbox";
import { currentTasteSessionQueryOptions } from "./taste-queries";
import { type PairChoice, usePairKeys } from "./use-pair-keys";
import { usePreloadedPictures, useWaitingTasteAnswers } from "./use-offline-quiz";

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
 * is stored once; the server's answer says which pair comes next. When the
 * server cannot be reached, the answer waits in the browser's outbox and the
 * quiz goes on with pairs drawn here (uniformly, their probability known), until
 * the connection is back and the waiting answers go out in order.
 */
export function TastePairScreen({ state, onStop }: { state: TasteSessionState; onStop: () => void }) {
  const queryClient = useQueryClient();
  const { session, next } = state;
  const queryKey = currentTasteSessionQueryOptions().queryKey;
  const keyOfPosition = useRef(new Map<number, string>());
  // The position of the pair on screen when this browser drew it; null when the server proposed it.
  const drawnHere = useRef<number | null>(null);
  const waiting = useWaitingTasteAnswers(session.id);
  // Read from the outbox itself: the screen only ever mounts in the browser, once the quiz has loaded.
  const [isResuming, setResuming] = useState(() => pendingTasteAnswers(session.id).length > 0);
  const [notice, setNotice] = useState<string | null>(null);

  const update = useCallback(
    (change: (current: TasteSessionState) => TasteSessionState) =>
      queryClient.setQueryData(queryKey, (current) => current && change(current)),
    [queryClient, queryKey],
  );
  const goOn = useCallback(
    (answered: NonNullable<TasteNextPair>[]) =>
      update((current) => {
        const after = goOnOffline(current, answered);
        drawnHere.current = after.next?.position ?? null;
        return after;
      }),
    [update],
  );
  /** The server's word, except that a pair drawn here stays on screen while the server would take its answer. */
  const applyServer = useCallback(
    (progress: TasteProgress) =>
      update((current) => {
        const shownHere = current.next;
        const keep =
          shownHere !== null &&
          drawnHere.current === shownHere.position &&
          progress.next?.position === shownHere.position &&
          !wasShown(progress.shown, shownHere.leftImageId, shownHere.rightImageId);
        if (!keep) drawnHere.current = null;
        return { ...current, ...progress, next: keep ? shownHere : progress.next };
      }),
    [update],
  );

  const settle = useCallback(
    async (outcome: TasteFlushOutcome) => {
      // Answers given meanwhile still wait: the screen keeps counting them until they are sent too.
      if (outcome.state === "saved" && pendingTasteAnswers(session.id).length === 0) applyServer(outcome.progress);
      if (outcome.state === "refused") {
        setNotice(
          `${outcome.dropped === 1 ? "An answer" : `${outcome.dropped} answers`} given offline could not be stored: ${outcome.message}`,
        );
        drawnHere.current = null;
        await queryClient.invalidateQueries({ queryKey });
      }
    },
    [applyServer, queryClient, queryKey, session.id],
  );
  const flush = useCallback(async () => settle(await flushTasteAnswers(session.id)), [settle, session.id]);

  // Answers left waiting by an earlier visit go out first; still offline, the quiz goes on from them.
  useEffect(() => {
    if (!isResuming) return;
    void flushTasteAnswers(session.id).then(async (outcome) => {
      await settle(outcome);
      if (outcome.state === "pending") {
        const { progress } = outcome;
        const waitingPairs = pendingTasteAnswers(session.id).map((entry) => entry.pair);
        update((current) => {
          const after = goOnOffline(progress ? { ...current, ...progress } : current, waitingPairs);
          drawnHere.current = after.next?.position ?? null;
          return after;
        });
      }
      setResuming(false);
    });
  }, [isResuming, session.id, settle, update]);
  useEffect(() => {
    if (waiting === 0) return;
    const retry = () => void flush();
    window.addEventListener("online", retry);
    const timer = setInterval(retry, 5_000);
    return () => {
      window.removeEventListener("online", retry);
      clearInterval(timer);
    };
  }, [flush, waiting]);
  usePreloadedPictures(session.imageIds);

  const answer = useMutation({
    // Offline is this function's own business (the outbox); TanStack Query's default would pause it instead.
    networkMode: "always",
    mutationFn: async (choice: PairChoice): Promise<TasteProgress | null> => {
      if (!next) throw new Error("There is no pair to answer.");
      const keys = keyOfPosition.current;
      if (!keys.has(next.position)) keys.set(next.position, crypto.randomUUID());
      const body: TasteAnswerBody = {
        position: next.position,
        leftImageId: next.leftImageId,
        rightImageId: next.rightImageId,
        choice,
        key: keys.get(next.position)!,
        ...(drawnHere.current === next.position ? { drawnOffline: true } : {}),
      };
      const goOnWithout = () => {
        queueTasteAnswer(session.id, next, body);
        goOn([next]);
        return null;
      };
      // Later answers never overtake waiting ones.
      if (pendingTasteAnswers(session.id).length > 0) {
        void flush();
        return goOnWithout();
      }
      try {
        return await callApi(`/api/taste/sessions/${session.id}/answers`, {
          method: "POST",
          body,
          schema: tasteProgressSchema,
        });
      } catch (error) {
        if (!isWorthRetrying(error)) throw error;
        return goOnWithout();
      }
    },
    onSuccess: (progress) => progress && applyServer(progress),
  });
  const undo = useMutation({
    networkMode: "always",
    mutationFn: async (): Promise<TasteProgress | null> => {
      // An answer on its way cannot be taken back from the outbox; once sent, the server undoes it.
      await settleTasteFlush(session.id);
      const taken = takeBackLastTasteAnswer(session.id);
      if (!taken)
        return callApi(`/api/taste/sessions/${session.id}/undo`, { method: "POST", schema: tasteProgressSchema });
      keyOfPosition.current.delete(taken.pair.position);
      drawnHere.current = taken.body.drawnOffline ? taken.pair.position : null;
      update((current) => takeBackOffline(current, taken.pair));
      return null;
    },
    onSuccess: (progress) => {
      if (!progress) return;
      // The undone click is asked again: it gets a new key, or the server would return the undone answer.
      keyOfPosition.current.delete(progress.next?.position ?? -1);
      drawnHere.current = null;
      update((current) => ({ ...current, ...progress }));
    },
  });
  const isBusy = answer.isPending || undo.isPending || isResuming;

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
      {waiting > 0 && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {isResuming
            ? `Sending ${waiting === 1 ? "the answer" : `the ${waiting} answers`} you gave offline…`
            : `Offline: ${waiting === 1 ? "1 answer waits" : `${waiting} answers wait`} in this browser and will be sent when the connection is back. Your references need them first.`}
        </p>
      )}
      <ErrorMessage message={notice ?? answer.error?.message ?? undo.error?.message ?? null} />
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={isBusy || !next} onClick={() => answer.mutate(0)}>
          <kbd className="mr-1 rounded border border-slate-300 px-1">0</kbd> Neither / can&apos;t say
        </Button>
        <Button variant="secondary" disabled={isBusy || state.status.clicks === 0} onClick={() => undo.mutate()}>
          <kbd className="mr-1 rounded border border-slate-300 px-1">z</kbd> Undo
        </Button>
        <Button onClick={onStop} disabled={isBusy || waiting > 0 || state.status.clicks === 0}>
          See my references
        </Button>
      </div>
    </section>
  );
}
