"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ScoreCell } from "@/lib/assessments/live-assessment";
import { annotationBodySchema } from "@/lib/annotation/annotation-contract";
import { annotationUndoWindowMs } from "@/lib/annotation/annotation-timing";
import type { ItemView } from "@/lib/annotation/item-view-contract";
import { attributes } from "@/lib/preferthinker/attributes";
import { ProfileCardsView } from "@/components/assess/ProfileCardsView";
import { ScoreTableView } from "@/components/assess/ScoreTableView";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { describeRow, type Draft, rowOf, useAnnotationDraft } from "./annotation-draft-store";
import { ItemPictures } from "./ItemPictures";
import { KeyboardHelp } from "./KeyboardHelp";
import { PrecheckList } from "./PrecheckList";
import { ProfileJudgment } from "./ProfileJudgment";
import { ScoreCorrection } from "./ScoreCorrection";
import { useAnnotationKeys } from "./use-annotation-keys";
import { useClaimedItem, useSubmitAnnotation, useUndoAnnotation } from "./use-annotation-work";
import { VerdictPanel } from "./VerdictPanel";

type LastSubmit = { annotationId: string; itemId: string; undoUntil: number; draft: Draft };

/** The item's scores in the shape the score table shows. */
function toScoreCells(item: ItemView): Record<"A" | "B", Partial<Record<string, ScoreCell>>> {
  const of = (image: "A" | "B") =>
    Object.fromEntries(
      attributes.flatMap((attribute, index) => {
        const cell = item.scores[image][index];
        return cell
          ? [[attribute.key, { score: cell.score, rawScore: String(cell.score ?? "?"), rationale: cell.rationale }]]
          : [];
      }),
    );
  return { A: of("A"), B: of("B") };
}

function describeCursor(row: number): string {
  const target = describeRow(row);
  const attribute = attributes[target.index]!;
  return target.kind === "profile"
    ? `${target.side === "preference" ? "Preference" : "Non-preference"} profile, ${attribute.key}`
    : `Image ${target.image}, ${attribute.heading} score`;
}

/** One annotator working through a queue from the keyboard: the item they hold, their checks of it, submit and undo. */
export function AnnotationWorkspace({ queueId }: { queueId: string }) {
  const claim = useClaimedItem(queueId);
  const submitting = useSubmitAnnotation(queueId);
  const undoing = useUndoAnnotation(queueId);
  const [lastSubmit, setLastSubmit] = useState<LastSubmit | null>(null);
  const [restore, setRestore] = useState<{ itemId: string; draft: Draft } | null>(null);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const item = claim.data?.item ?? null;
  const cursor = useAnnotationDraft((state) => state.cursor);
  const message = useAnnotationDraft((state) => state.message);
  const currentItemId = useAnnotationDraft((state) => state.itemId);

  useEffect(() => {
    if (!item || item.id === currentItemId) return;
    const isRestored = restore?.itemId === item.id;
    useAnnotationDraft.getState().start(item.id, isRestored ? restore.draft : undefined);
    if (isRestored) useAnnotationDraft.getState().say("Undone: the item is back, as you left it.");
  }, [item, currentItemId, restore]);

  useEffect(() => {
    document.querySelector(`[data-row="${cursor}"]`)?.scrollIntoView({ block: "nearest" });
  }, [cursor]);

  const submit = useCallback(() => {
    const { draft, say } = useAnnotationDraft.getState();
    if (!item || submitting.isPending) return;
    if (draft.verdict === null)
      return say("Choose a verdict first: g accept as gold, c accept with corrections, x reject.");
    const body = annotationBodySchema.parse(draft);
    submitting.mutate(
      { itemId: item.id, body },
      {
        onSuccess: ({ annotation }) => {
          setLastSubmit({
            annotationId: annotation.id,
            itemId: item.id,
            undoUntil: Date.parse(annotation.undoUntil),
            draft,
          });
          say(`Submitted item ${item.position + 1}. Press z within ${annotationUndoWindowMs / 1000} seconds to undo.`);
        },
        onError: (error) => say(`Not submitted: ${error.message}`),
      },
    );
  }, [item, submitting]);

  const undo = useCallback(() => {
    const { say } = useAnnotationDraft.getState();
    if (!lastSubmit || Date.now() > lastSubmit.undoUntil) return say("There is no recent submit to undo.");
    undoing.mutate(lastSubmit.annotationId, {
      onSuccess: () => {
        setRestore({ itemId: lastSubmit.itemId, draft: lastSubmit.draft });
        setLastSubmit(null);
      },
      onError: (error) => say(`Not undone: ${error.message}`),
    });
  }, [lastSubmit, undoing]);

  const handlers = useMemo(
    () => ({
      modelScore: (row: number) => {
        const target = describeRow(row);
        return target.kind === "score" ? (item?.scores[target.image][target.index]?.score ?? null) : null;
      },
      submit,
      undo,
      toggleHelp: () => setHelpOpen((open) => !open),
    }),
    [item, submit, undo],
  );
  useAnnotationKeys(item !== null && item.id === currentItemId, handlers);

  if (claim.isPending) return <p className="text-sm text-slate-600">Taking the next item…</p>;
  if (claim.error) return <ErrorMessage message={`No item could be taken: ${claim.error.message}`} />;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">
          {item ? `${item.queueName}: item ${item.position + 1}` : "Annotate"}
        </h1>
        <p className="text-sm text-slate-600">
          {claim.data.remaining} item{claim.data.remaining === 1 ? "" : "s"} left for you · press{" "}
          <kbd className="font-mono">?</kbd> for keys
        </p>
      </div>
      <p role="status" aria-live="polite" className="min-h-6 text-sm font-medium text-brand-800">
        {message ?? (item ? `At: ${describeCursor(cursor)}` : "")}
      </p>
      {isHelpOpen ? <KeyboardHelp /> : null}
      {item === null ? (
        <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-6">
          <p>Nothing is left for you in this queue.</p>
          {lastSubmit ? (
            <p className="text-sm text-slate-600">
              Press z within {annotationUndoWindowMs / 1000} seconds of your last submit to take it back.
            </p>
          ) : null}
          <Link href="/annotate" className="text-brand-700 underline">
            Back to the queues
          </Link>
        </div>
      ) : item.id !== currentItemId ? null : (
        <>
          <ItemPictures images={item.images} />
          <PrecheckList prechecks={item.prechecks} answer={item.answer} label={item.label} totals={item.totals} />
          <ProfileCardsView
            preference={item.profiles.preference}
            nonPreference={item.profiles.nonPreference}
            renderExtra={(side, key) => {
              const index = attributes.findIndex((attribute) => attribute.key === key);
              return (
                <ProfileJudgment
                  row={rowOf({ kind: "profile", side, index })}
                  attribute={key}
                  sideLabel={side === "preference" ? "Preference" : "Non-preference"}
                />
              );
            }}
          />
          <ScoreTableView
            scores={toScoreCells(item)}
            isSingle={false}
            renderExtra={(image, index) => (
              <ScoreCorrection
                row={rowOf({ kind: "score", image, index })}
                name={`Image ${image} ${attributes[index]!.heading}`}
                modelScore={item.scores[image][index]?.score ?? null}
                rationale={item.scores[image][index]?.rationale ?? ""}
              />
            )}
          />
          <VerdictPanel
            onSubmit={submit}
            onUndo={undo}
            isSubmitting={submitting.isPending}
            canUndo={lastSubmit !== null}
          />
          <details className="rounded-xl border border-slate-200 bg-white p-4">
            <summary className="cursor-pointer text-sm font-semibold">Raw output</summary>
            <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap text-xs">{item.output}</pre>
          </details>
        </>
      )}
    </div>
  );
}
