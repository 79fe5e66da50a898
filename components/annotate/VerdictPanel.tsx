"use client";

import type { Verdict } from "@/lib/annotation/annotation-contract";
import { Button } from "@/components/ui/Button";
import { useAnnotationDraft } from "./annotation-draft-store";
import { RowTextEditor } from "./RowTextEditor";

const options: { value: Verdict; label: string; key: string }[] = [
  { value: "gold", label: "Accept as gold", key: "g" },
  { value: "corrected", label: "Accept with corrections", key: "c" },
  { value: "rejected", label: "Reject", key: "x" },
];

/** The verdict, an optional comment, submit (which moves on) and undo of the last submit. */
export function VerdictPanel({
  onSubmit,
  onUndo,
  isSubmitting,
  canUndo,
}: {
  onSubmit: () => void;
  onUndo: () => void;
  isSubmitting: boolean;
  canUndo: boolean;
}) {
  const verdict = useAnnotationDraft((state) => state.draft.verdict);
  const comment = useAnnotationDraft((state) => state.draft.comment);
  const isEditingComment = useAnnotationDraft((state) => state.editing === "comment");
  const { setVerdict, setComment, setEditing } = useAnnotationDraft.getState();
  return (
    <section aria-labelledby="verdict-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="verdict-heading" className="text-lg font-semibold">
        Verdict
      </h2>
      <div role="radiogroup" aria-labelledby="verdict-heading" className="flex flex-wrap gap-2">
        {options.map((option) => (
          <button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={verdict === option.value}
            onClick={() => setVerdict(option.value)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${verdict === option.value ? (option.value === "rejected" ? "bg-red-700 text-white" : "bg-emerald-700 text-white") : "border border-slate-300 bg-white text-slate-800"}`}
          >
            {option.label} <kbd className="font-mono text-xs opacity-75">{option.key}</kbd>
          </button>
        ))}
      </div>
      {isEditingComment ? (
        <RowTextEditor
          label="Comment"
          initial={comment ?? ""}
          onDone={(text) => {
            if (text !== undefined) setComment(text);
            setEditing(null);
          }}
        />
      ) : (
        <p className="text-sm text-slate-600">
          Comment:{" "}
          {comment ? <strong className="text-slate-900">{comment}</strong> : <span>none (press m to write one)</span>}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={onSubmit} disabled={isSubmitting}>
          Submit and next <kbd className="font-mono text-xs opacity-75">Enter</kbd>
        </Button>
        <Button type="button" variant="secondary" onClick={onUndo} disabled={!canUndo}>
          Undo last submit <kbd className="font-mono text-xs opacity-75">z</kbd>
        </Button>
      </div>
    </section>
  );
}
