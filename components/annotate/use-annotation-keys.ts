"use client";

import { useEffect } from "react";
import { describeRow, useAnnotationDraft } from "./annotation-draft-store";
import { flagKeys, judgmentKeys, verdictKeys } from "./keyboard-keys";

type Handlers = {
  modelScore: (row: number) => number | null;
  submit: () => void;
  undo: () => void;
  toggleHelp: () => void;
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Applies one key to the draft or the page; false when the key means nothing here. */
function handleKey(key: string, handlers: Handlers): boolean {
  const state = useAnnotationDraft.getState();
  const row = describeRow(state.cursor);
  if (key === "j" || key === "ArrowDown") state.moveCursor(1);
  else if (key === "k" || key === "ArrowUp") state.moveCursor(-1);
  else if (key in verdictKeys) state.setVerdict(verdictKeys[key]!);
  else if (key === "Enter") handlers.submit();
  else if (key === "z") handlers.undo();
  else if (key === "?") handlers.toggleHelp();
  else if (key === "m") state.setEditing("comment");
  else if (key === "e") state.setEditing(state.cursor);
  else if (row.kind === "profile" && key in judgmentKeys)
    state.setJudgment(state.cursor, judgmentKeys[key as keyof typeof judgmentKeys]);
  else if (row.kind === "score" && /^[0-5]$/.test(key))
    state.setScore(state.cursor, Number(key), handlers.modelScore(state.cursor));
  else if (row.kind === "score" && key === "a") state.setScore(state.cursor, null, null);
  else if (row.kind === "score" && key in flagKeys) state.toggleFlag(state.cursor, flagKeys[key]!);
  else return false;
  return true;
}

/** The page's keys (keyboard-keys.ts), live while `enabled` and the focus is not in a text field. */
export function useAnnotationKeys(enabled: boolean, handlers: Handlers) {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const state = useAnnotationDraft.getState();
      if (state.editing !== null) return;
      // Enter on a focused button or link presses it; it must not also submit.
      if (
        event.key === "Enter" &&
        event.target instanceof HTMLElement &&
        ["BUTTON", "A"].includes(event.target.tagName)
      )
        return;
      if (handleKey(event.key, handlers)) event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled, handlers]);
}
