"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { assessPathFor } from "@/components/assess/pick-from-address";
import { referenceSetKeys } from "@/components/assess/reference-set-queries";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { TextField } from "@/components/ui/TextField";
import { callApi } from "@/lib/http/api-client";
import {
  type TasteCheck,
  tasteFinishResponseSchema,
  type TasteJudgedPicture,
  type TasteResult as TasteResultJson,
  type TasteSavedSet,
  type TasteSessionState,
} from "@/lib/taste/taste-contract";
import { TasteCheckOffer } from "./TasteCheckOffer";
import { TasteProfilePrediction } from "./TasteProfilePrediction";
import { TasteReferenceChooser } from "./TasteReferenceChooser";
import { replaceButtonId, type ReferenceSide, TasteReferenceList } from "./TasteReferenceList";
import { tasteResultQueryOptions } from "./taste-queries";

type Props = { state: TasteSessionState; check: TasteCheck; onContinue: () => void; onCheck: () => void };
type Slot = { side: ReferenceSide; slot: number };

const titles: Record<ReferenceSide, string> = { liked: "Liked", disliked: "Disliked" };

/**
 * Candidates for "Predict my profile": the most and the least preferred of
 * the judged pictures left out of the set (a pair the person's own answers
 * call), else any other pictures of the quiz's pool.
 */
function chooseCandidates(result: TasteResultJson, set: TasteSavedSet, pool: string[]): [string, string] | null {
  const inSet = new Set([...set.preferredImageIds, ...set.nonPreferredImageIds]);
  const judged = result.judged.map((picture) => picture.imageId).filter((id) => !inSet.has(id));
  const picks =
    judged.length >= 2
      ? [judged[0]!, judged.at(-1)!]
      : [...judged, ...pool.filter((id) => !inSet.has(id) && !judged.includes(id))].slice(0, 2);
  return picks.length === 2 ? [picks[0]!, picks[1]!] : null;
}

/** The result once read: the references, each replaceable by hand until the set is saved. */
function ResultEditor({ state, check, onContinue, onCheck, result }: Props & { result: TasteResultJson }) {
  const queryClient = useQueryClient();
  const [references, setReferences] = useState({ liked: result.liked, disliked: result.disliked });
  const [replaced, setReplaced] = useState({ liked: new Set<number>(), disliked: new Set<number>() });
  const [replacing, setReplacing] = useState<Slot | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [saved, setSaved] = useState<{ referenceSet: TasteSavedSet; assessPath: string } | null>(null);
  const save = useMutation({
    mutationFn: async (name: string) => {
      const preferredImageIds = references.liked.map((reference) => reference.imageId);
      const nonPreferredImageIds = references.disliked.map((reference) => reference.imageId);
      // The server saves the set as edited, after checking every picture was judged in this quiz, and ends the quiz.
      const { referenceSet } = await callApi(`/api/taste/sessions/${state.session.id}/finish`, {
        method: "POST",
        body: { referenceSet: { name, preferredImageIds, nonPreferredImageIds } },
        schema: tasteFinishResponseSchema,
      });
      if (!referenceSet) throw new Error("The server saved no reference set.");
      return {
        referenceSet,
        assessPath: assessPathFor({ preferred: preferredImageIds, nonPreferred: nonPreferredImageIds }),
      };
    },
    // The quiz is finished on the server now; the cached one stays, so this confirmation stays on screen until the person moves on.
    onSuccess: (done) => {
      setSaved(done);
      void queryClient.invalidateQueries({ queryKey: referenceSetKeys.all });
    },
  });
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved) confirmation.current?.focus();
  }, [saved]);

  const { liked, disliked } = references;
  const inUse = new Set([...liked, ...disliked].map((reference) => reference.imageId));
  const others = result.judged.filter((picture) => !inUse.has(picture.imageId));

  function closeChooser(target: Slot) {
    setReplacing(null);
    document.getElementById(replaceButtonId(target.side, target.slot))?.focus();
  }
  function replace({ side, slot }: Slot, picture: TasteJudgedPicture) {
    const reference = {
      imageId: picture.imageId,
      reason: picture.reasons[side],
      wins: picture.wins,
      losses: picture.losses,
    };
    setReferences((current) => ({
      ...current,
      [side]: current[side].map((old, at) => (at === slot ? reference : old)),
    }));
    setReplaced((current) => ({ ...current, [side]: new Set(current[side]).add(slot) }));
    setAnnouncement(`${titles[side]} picture ${slot + 1} replaced.`);
    closeChooser({ side, slot });
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(String(new FormData(event.currentTarget).get("name") ?? "").trim());
  }
  const canEdit = !saved && !save.isPending;
  const list = (side: ReferenceSide) => (
    <TasteReferenceList
      side={side}
      title={titles[side]}
      references={references[side]}
      replaced={replaced[side]}
      onReplace={canEdit ? (slot) => setReplacing({ side, slot }) : undefined}
    />
  );

  return (
    <section aria-labelledby="result-heading" className="space-y-4">
      <h2 id="result-heading" className="text-xl font-semibold">
        Your references
      </h2>
      <p className="text-sm text-slate-600">
        Chosen from the {state.status.clicks} pairs you answered: the pictures you preferred most and least, spread over
        what they differ in. Replace any of them with another picture you judged before you save.
        {!result.isComplete && " Answer a few more pairs for five of each."}
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        {list("liked")}
        {list("disliked")}
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {replacing && (
        <TasteReferenceChooser
          side={replacing.side}
          slot={replacing.slot}
          options={replacing.side === "liked" ? others : [...others].reverse()}
          onChoose={(picture) => replace(replacing, picture)}
          onClose={() => closeChooser(replacing)}
        />
      )}
      <ErrorMessage message={save.error?.message ?? null} />
      {saved ? (
        <div
          ref={confirmation}
          tabIndex={-1}
          role="status"
          className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm focus:outline-none"
        >
          <p>
            Saved as the reference set <strong>{saved.referenceSet.name}</strong>.
          </p>
          <Link href={saved.assessPath} className="font-medium text-brand-700 underline">
            Assess candidates with these references
          </Link>
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
          <div className="min-w-64 flex-1">
            <TextField
              id="taste-set-name"
              name="name"
              label="Name of the reference set"
              defaultValue="My taste"
              required
              maxLength={80}
            />
          </div>
          <Button type="submit" disabled={save.isPending || liked.length === 0 || disliked.length === 0}>
            {save.isPending ? "Saving…" : "Save as reference set"}
          </Button>
          <Button
            type="button"
            variant="secondary"
            onClick={onContinue}
            disabled={save.isPending || state.session.status === "finished" || check.isStarted}
            aria-describedby={check.isStarted ? "taste-fixed-hint" : undefined}
          >
            Keep going
          </Button>
          {check.isStarted && (
            <p id="taste-fixed-hint" className="w-full text-xs text-slate-500">
              The check has begun, so the quiz&apos;s answers are fixed.
            </p>
          )}
        </form>
      )}
      <TasteCheckOffer sessionId={state.session.id} check={check} isSaved={saved !== null} onCheck={onCheck} />
      {saved && (
        <TasteProfilePrediction
          referenceSet={saved.referenceSet}
          candidates={chooseCandidates(result, saved.referenceSet, state.session.imageIds)}
        />
      )}
    </section>
  );
}

/**
 * The five liked and five disliked pictures the answers point to, each with
 * its reason and replaceable by another judged picture; saved as a
 * reference set, which ends the quiz and opens Assess with it, or predicts
 * a profile from it. Before saving, the person may check how well the model
 * predicts them; "Keep going" returns to the pairs until the check begins.
 */
export function TasteResult(props: Props) {
  const { state } = props;
  const result = useQuery(tasteResultQueryOptions(state.session.id, state.status.clicks));
  if (result.isPending) return <p className="text-sm text-slate-500">Choosing your references…</p>;
  if (result.error) return <ErrorMessage message={result.error.message} />;
  // A new answer count is a new result: the edits start again from it.
  return <ResultEditor key={`${state.session.id}-${state.status.clicks}`} {...props} result={result.data} />;
}
