"use client";

import { useEffect, useEffectEvent } from "react";

export type PairChoice = 0 | 1 | 2;

/**
 * The pair screens' keys: 1 and 2 choose, 0 says neither, z undoes; not
 * while typing somewhere, with a modifier held, or while `isBusy`.
 */
export function usePairKeys({
  canChoose,
  canUndo,
  isBusy,
  onChoose,
  onUndo,
}: {
  canChoose: boolean;
  canUndo: boolean;
  isBusy: boolean;
  onChoose: (choice: PairChoice) => void;
  onUndo: () => void;
}) {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (
      event.ctrlKey ||
      event.metaKey ||
      event.altKey ||
      (event.target instanceof HTMLElement && event.target.closest("input, textarea, select, dialog"))
    )
      return;
    if (isBusy) return;
    if ((event.key === "1" || event.key === "2" || event.key === "0") && canChoose)
      onChoose(Number(event.key) as PairChoice);
    else if (event.key === "z" && canUndo) onUndo();
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
