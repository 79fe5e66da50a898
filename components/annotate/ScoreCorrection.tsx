"use client";

import { type RationaleFlag, rationaleFlags } from "@/lib/annotation/annotation-contract";
import { useAnnotationDraft } from "./annotation-draft-store";
import { RowTextEditor } from "./RowTextEditor";

export const flagLabels: Record<RationaleFlag, { label: string; key: string }> = {
  hallucinated: { label: "Hallucinated", key: "h" },
  "contradicts-image": { label: "Contradicts image", key: "i" },
  "contradicts-profile": { label: "Contradicts profile", key: "p" },
  "inconsistent-score": { label: "Inconsistent with score", key: "s" },
};

/** Agree with one score or correct it (0-5), flag its rationale, or rewrite it. */
export function ScoreCorrection({
  row,
  name,
  modelScore,
  rationale,
}: {
  row: number;
  name: string;
  modelScore: number | null;
  rationale: string;
}) {
  const image = row < 15 ? "A" : "B";
  const entry = useAnnotationDraft((state) => state.draft.scores[image][row % 5]!);
  const isCurrent = useAnnotationDraft((state) => state.cursor === row);
  const isEditing = useAnnotationDraft((state) => state.editing === row);
  const { setScore, setCursor, toggleFlag, setText, setEditing } = useAnnotationDraft.getState();
  return (
    <div
      data-row={row}
      aria-current={isCurrent ? "true" : undefined}
      className={`mt-2 space-y-1 rounded-md p-1 ${isCurrent ? "bg-amber-50 ring-2 ring-amber-500" : ""}`}
    >
      <label className="flex items-center gap-2 text-xs">
        <span className="text-slate-600">Your score</span>
        <select
          aria-label={`${name} score: agree or correct`}
          value={entry.corrected === null ? "agree" : String(entry.corrected)}
          onFocus={() => setCursor(row)}
          onChange={(event) =>
            setScore(row, event.target.value === "agree" ? null : Number(event.target.value), modelScore)
          }
          className={`rounded border px-1 py-0.5 text-xs ${entry.corrected === null ? "border-slate-300" : "border-red-500 font-semibold text-red-800"}`}
        >
          <option value="agree">Agree ({modelScore ?? "?"}) · a</option>
          {[0, 1, 2, 3, 4, 5].map((score) => (
            <option key={score} value={score}>
              {score}
            </option>
          ))}
        </select>
      </label>
      <div role="group" aria-label={`${name} rationale flags`} className="flex flex-wrap gap-1">
        {rationaleFlags.map((flag) => (
          <button
            key={flag}
            type="button"
            aria-pressed={entry.flags.includes(flag)}
            onClick={() => {
              setCursor(row);
              toggleFlag(row, flag);
            }}
            className={`rounded px-1.5 py-0.5 text-[11px] ${entry.flags.includes(flag) ? "bg-red-700 text-white" : "border border-slate-300 bg-white text-slate-700"}`}
          >
            {flagLabels[flag].label} <kbd className="font-mono opacity-75">{flagLabels[flag].key}</kbd>
          </button>
        ))}
      </div>
      {isEditing ? (
        <RowTextEditor
          label={`Rewritten rationale for ${name}`}
          initial={entry.rationale ?? rationale}
          onDone={(text) => {
            if (text !== undefined) setText(row, text === rationale ? null : text);
            setEditing(null);
          }}
        />
      ) : entry.rationale ? (
        <p className="text-xs text-red-800">
          Rewritten: <strong>{entry.rationale}</strong>
        </p>
      ) : null}
    </div>
  );
}
