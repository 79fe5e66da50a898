import type { AttributeKey } from "./attributes";

/** reasoning: profile, scores, answer. fast: answer only. single: one candidate's scores and total. */
export type AssessmentMode = "reasoning" | "fast" | "single";

export type ImageLabel = "A" | "B";

export type BlockName = "preference" | "nonPreference" | "think" | "answer";

export type ProfileSide = "preference" | "nonPreference";

/** One predicted profile: the value written for each attribute the model named. */
export type Profile = Partial<Record<AttributeKey, string>>;

/** What the streaming parser reports, as soon as each piece is complete. */
export type ParseEvent =
  | { type: "text"; delta: string }
  | { type: "block-start"; block: BlockName; occurrence: number }
  | { type: "block-end"; block: BlockName; occurrence: number }
  | { type: "profile-attribute"; side: ProfileSide; profileIndex: number; attribute: AttributeKey; value: string }
  | {
      type: "score";
      image: ImageLabel;
      attribute: AttributeKey;
      score: number | null;
      rawScore: string;
      rationale: string;
    }
  | { type: "total"; image: ImageLabel; stated: number | null; addends: number[] | null; expression: string }
  | { type: "answer"; text: string };

export type IssueCode =
  | "missing-answer"
  | "invalid-answer"
  | "format-invalid"
  | "missing-profile"
  | "missing-score"
  | "score-out-of-range"
  | "total-mismatch"
  | "answer-contradicts-totals"
  | "tie"
  | "repeated-block"
  | "truncated";

/** A consistency problem of one response, in plain words. */
export type Issue = { code: IssueCode; message: string };

/** Five values in attribute order, null where the model gave none. */
export type PerAttribute<T> = [T, T, T, T, T];

export type StatedTotal = { stated: number | null; addends: number[] | null; expression: string };

/** The full reading of one response. */
export type ParsedAssessment = {
  mode: AssessmentMode;
  /** The official strict answer: stripped text of the last complete answer block, or null. */
  answer: string | null;
  /** The official format check (four blocks, in order, nothing around). */
  formatValid: boolean;
  profiles: { preference: Profile[]; nonPreference: Profile[] };
  scores: Record<ImageLabel, PerAttribute<number | null>>;
  rationales: Record<ImageLabel, PerAttribute<string | null>>;
  statedTotals: Record<ImageLabel, StatedTotal | null>;
  /** Sum of the five scores; null unless all five are numbers. */
  computedTotals: Record<ImageLabel, number | null>;
  /** How often each block was opened, and whether the last one was closed. */
  blocks: Record<BlockName, { count: number; closed: boolean }>;
  /** The block the response ended inside (cut off by a limit or a fault), or null. */
  truncatedInside: BlockName | null;
  issues: Issue[];
};
