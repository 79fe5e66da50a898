import type { RationaleFlag, Verdict } from "@/lib/annotation/annotation-contract";

/** Every key of the annotation page, in one table: the handler reads it and the help lists it. */
export const keyHelp: { keys: string; action: string }[] = [
  { keys: "j / ↓, k / ↑", action: "next / previous row (profile terms, then scores)" },
  { keys: "y, n, u", action: "profile term: right, wrong, can't tell" },
  { keys: "0-5, a", action: "score: correct it to that value, or agree with the model" },
  {
    keys: "h, i, p, s",
    action: "rationale flag: hallucinated, contradicts the image, contradicts the profile, inconsistent with the score",
  },
  { keys: "e", action: "write the corrected term, or rewrite the rationale (Enter keeps, Escape drops)" },
  { keys: "g, c, x", action: "verdict: accept as gold, accept with corrections, reject" },
  { keys: "m", action: "write a comment" },
  { keys: "Enter", action: "submit and go to the next item" },
  { keys: "z", action: "undo the last submit (for 30 seconds)" },
  { keys: "?", action: "show or hide this list" },
];

export const flagKeys: Record<string, RationaleFlag> = {
  h: "hallucinated",
  i: "contradicts-image",
  p: "contradicts-profile",
  s: "inconsistent-score",
};
export const verdictKeys: Record<string, Verdict> = { g: "gold", c: "corrected", x: "rejected" };
export const judgmentKeys = { y: "right", n: "wrong", u: "unsure" } as const;
