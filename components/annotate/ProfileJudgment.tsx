"use client";

import type { ProfileJudgment as Judgment } from "@/lib/annotation/annotation-contract";
import { useAnnotationDraft } from "./annotation-draft-store";
import { RowTextEditor } from "./RowTextEditor";

const choices: { value: Judgment; label: string; key: string }[] = [
  { value: "right", label: "Right", key: "y" },
  { value: "wrong", label: "Wrong", key: "n" },
  { value: "unsure", label: "Can't tell", key: "u" },
];

/** Right / wrong / can't tell for one predicted profile term, with an optional corrected term. */
export function ProfileJudgment({ row, attribute, sideLabel }: { row: number; attribute: string; sideLabel: string }) {
  const side = row < 5 ? "preference" : "nonPreference";
  const entry = useAnnotationDraft((state) => state.draft.profile[side][row % 5]!);
  const isCurrent = useAnnotationDraft((state) => state.cursor === row);
  const isEditing = useAnnotationDraft((state) => state.editing === row);
  const { setJudgment, setCursor, setText, setEditing } = useAnnotationDraft.getState();
  const name = `${sideLabel} ${attribute}`;
  return (
    <div
      data-row={row}
      aria-current={isCurrent ? "true" : undefined}
      className={`mt-1 rounded-md p-1 ${isCurrent ? "bg-amber-50 ring-2 ring-amber-500" : ""}`}
    >
      <div role="group" aria-label={`${name}: is it right?`} className="flex flex-wrap gap-1">
        {choices.map((choice) => (
          <button
            key={choice.value}
            type="button"
            aria-pressed={entry.judgment === choice.value}
            onClick={() => {
              setCursor(row);
              setJudgment(row, choice.value);
            }}
            className={`rounded px-1.5 py-0.5 text-xs ${entry.judgment === choice.value ? (choice.value === "right" ? "bg-emerald-700 text-white" : choice.value === "wrong" ? "bg-red-700 text-white" : "bg-slate-700 text-white") : "border border-slate-300 bg-white text-slate-700"}`}
          >
            {choice.label} <kbd className="font-mono opacity-75">{choice.key}</kbd>
          </button>
        ))}
      </div>
      {isEditing ? (
        <RowTextEditor
          label={`Corrected term for ${name}`}
          initial={entry.correction ?? ""}
          onDone={(text) => {
            if (text !== undefined) setText(row, text);
            setEditing(null);
          }}
        />
      ) : entry.correction ? (
        <p className="mt-1 text-xs text-red-800">
          Corrected: <strong>{entry.correction}</strong>
        </p>
      ) : null}
    </div>
  );
}
