"use client";

import { useRef, useState } from "react";

/** A one-line text field for a correction: Enter keeps it, Escape leaves it as it was; both hand the keyboard back. */
export function RowTextEditor({
  label,
  initial,
  onDone,
}: {
  label: string;
  initial: string;
  onDone: (text: string | null | undefined) => void;
}) {
  const [text, setText] = useState(initial);
  // Enter or Escape finish it; the blur that follows as it closes must not finish it again.
  const isDone = useRef(false);
  const finish = (value: string | null | undefined) => {
    if (isDone.current) return;
    isDone.current = true;
    onDone(value);
  };
  return (
    <label className="mt-1 block text-xs">
      <span className="sr-only">{label}</span>
      <input
        autoFocus
        aria-label={label}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            finish(text.trim() || null);
          } else if (event.key === "Escape") {
            event.preventDefault();
            finish(undefined);
          }
          event.stopPropagation();
        }}
        onBlur={() => finish(text.trim() || null)}
        className="w-full rounded border border-brand-400 px-2 py-1 text-sm"
      />
    </label>
  );
}
