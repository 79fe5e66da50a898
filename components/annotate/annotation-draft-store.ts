import { create } from "zustand";
import {
  type AnnotationBody,
  hasCorrections,
  type ProfileJudgment,
  type RationaleFlag,
  type Verdict,
} from "@/lib/annotation/annotation-contract";

/**
 * The annotation being written for the current item, and where the keyboard
 * cursor is. Ephemeral: it lives until the item is submitted.
 *
 * Rows, in cursor order: preference profile attributes 0-4, non-preference
 * 5-9, Image A's scores 10-14, Image B's 15-19.
 */

export const rowCount = 20;
export type Row =
  | { kind: "profile"; side: "preference" | "nonPreference"; index: number }
  | { kind: "score"; image: "A" | "B"; index: number };

export function describeRow(row: number): Row {
  const index = row % 5;
  if (row < 5) return { kind: "profile", side: "preference", index };
  if (row < 10) return { kind: "profile", side: "nonPreference", index };
  return { kind: "score", image: row < 15 ? "A" : "B", index };
}

export const rowOf = (target: Row) =>
  (target.kind === "profile" ? (target.side === "preference" ? 0 : 5) : target.image === "A" ? 10 : 15) + target.index;

type Draft = Omit<AnnotationBody, "verdict"> & { verdict: Verdict | null };

export const emptyDraft = (): Draft => ({
  profile: {
    preference: Array.from({ length: 5 }, () => ({ judgment: "right" as ProfileJudgment, correction: null })),
    nonPreference: Array.from({ length: 5 }, () => ({ judgment: "right" as ProfileJudgment, correction: null })),
  },
  scores: {
    A: Array.from({ length: 5 }, () => ({ corrected: null, flags: [], rationale: null })),
    B: Array.from({ length: 5 }, () => ({ corrected: null, flags: [], rationale: null })),
  },
  verdict: null,
  comment: null,
});

type DraftState = {
  itemId: string | null;
  draft: Draft;
  cursor: number;
  /** The row whose text is being edited, "comment", or null. */
  editing: number | "comment" | null;
  message: string | null;
  start(itemId: string, restored?: Draft): void;
  moveCursor(step: number): void;
  setCursor(row: number): void;
  setJudgment(row: number, judgment: ProfileJudgment): void;
  setText(row: number, text: string | null): void;
  setScore(row: number, score: number | null, modelScore: number | null): void;
  toggleFlag(row: number, flag: RationaleFlag): void;
  setVerdict(verdict: Verdict): void;
  setComment(comment: string | null): void;
  setEditing(editing: number | "comment" | null): void;
  say(message: string | null): void;
};

/** Corrections make "accept as gold" wrong and removing them all makes "with corrections" wrong: the verdict follows. */
function followVerdict(draft: Draft): Draft {
  const corrected = hasCorrections(draft);
  if (corrected && draft.verdict === "gold") return { ...draft, verdict: "corrected" };
  if (!corrected && draft.verdict === "corrected") return { ...draft, verdict: null };
  if (corrected && draft.verdict === null) return { ...draft, verdict: "corrected" };
  return draft;
}

type ProfileEntry = Draft["profile"]["preference"][number];
type ScoreEntry = Draft["scores"]["A"][number];

/** The draft with one row changed: `profile` applies to a profile row, `score` to a score row. */
function updateRow(
  draft: Draft,
  row: number,
  change: { profile?: (entry: ProfileEntry) => ProfileEntry; score?: (entry: ScoreEntry) => ScoreEntry },
): Draft {
  const target = describeRow(row);
  if (target.kind === "profile") {
    if (!change.profile) return draft;
    const apply = change.profile;
    const list = draft.profile[target.side].map((entry, index) => (index === target.index ? apply(entry) : entry));
    return followVerdict({ ...draft, profile: { ...draft.profile, [target.side]: list } });
  }
  if (!change.score) return draft;
  const apply = change.score;
  const list = draft.scores[target.image].map((entry, index) => (index === target.index ? apply(entry) : entry));
  return followVerdict({ ...draft, scores: { ...draft.scores, [target.image]: list } });
}

export const useAnnotationDraft = create<DraftState>()((set) => ({
  itemId: null,
  draft: emptyDraft(),
  cursor: 0,
  editing: null,
  message: null,
  start: (itemId, restored) =>
    set({ itemId, draft: restored ?? emptyDraft(), cursor: 0, editing: null, message: null }),
  moveCursor: (step) => set((state) => ({ cursor: Math.min(rowCount - 1, Math.max(0, state.cursor + step)) })),
  setCursor: (row) => set({ cursor: row }),
  setJudgment: (row, judgment) =>
    set((state) => ({
      draft: updateRow(state.draft, row, {
        profile: (entry) => ({ judgment, correction: judgment === "wrong" ? entry.correction : null }),
      }),
    })),
  setText: (row, text) =>
    set((state) => ({
      draft: updateRow(state.draft, row, {
        profile: (entry) => ({ judgment: text ? "wrong" : entry.judgment, correction: text }),
        score: (entry) => ({ ...entry, rationale: text }),
      }),
    })),
  setScore: (row, score, modelScore) =>
    set((state) => ({
      draft: updateRow(state.draft, row, {
        score: (entry) => ({ ...entry, corrected: score === modelScore ? null : score }),
      }),
    })),
  toggleFlag: (row, flag) =>
    set((state) => ({
      draft: updateRow(state.draft, row, {
        score: (entry) => ({
          ...entry,
          flags: entry.flags.includes(flag) ? entry.flags.filter((other) => other !== flag) : [...entry.flags, flag],
        }),
      }),
    })),
  setVerdict: (verdict) =>
    set((state) => {
      if (verdict === "gold" && hasCorrections(state.draft))
        return { message: "Accept as gold means no corrections: press c to accept with corrections." };
      if (verdict === "corrected" && !hasCorrections(state.draft))
        return { message: "Nothing is corrected yet: correct a score, term or rationale first, or press g for gold." };
      return { draft: { ...state.draft, verdict }, message: null };
    }),
  setComment: (comment) => set((state) => ({ draft: { ...state.draft, comment } })),
  setEditing: (editing) => set({ editing }),
  say: (message) => set({ message }),
}));

export type { Draft };
