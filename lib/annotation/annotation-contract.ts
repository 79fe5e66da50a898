import { z } from "zod";

/**
 * What crosses the network about annotation: queue creation, one
 * annotation, a reviewer's resolution. Shared by the route handlers and the
 * pages, so both read the same shape.
 */

export const verdicts = ["gold", "corrected", "rejected"] as const;
export type Verdict = (typeof verdicts)[number];

export const profileJudgments = ["right", "wrong", "unsure"] as const;
export type ProfileJudgment = (typeof profileJudgments)[number];

/** What may be wrong with a rationale. */
export const rationaleFlags = [
  "hallucinated",
  "contradicts-image",
  "contradicts-profile",
  "inconsistent-score",
] as const;
export type RationaleFlag = (typeof rationaleFlags)[number];

const fiveOf = <T extends z.ZodType>(schema: T) => z.array(schema).length(5);

const profileEntry = z.strictObject({
  judgment: z.enum(profileJudgments),
  /** The term the annotator would write instead; only with "wrong". */
  correction: z.string().trim().max(500).nullable().default(null),
});

const scoreEntry = z.strictObject({
  /** The score the annotator would give; null agrees with the model. */
  corrected: z.number().int().min(0).max(5).nullable().default(null),
  flags: z.array(z.enum(rationaleFlags)).max(rationaleFlags.length).default([]),
  /** A rewritten rationale, used in exports instead of the model's. */
  rationale: z.string().trim().max(2000).nullable().default(null),
});

export type ProfileEntry = z.infer<typeof profileEntry>;
export type ScoreEntry = z.infer<typeof scoreEntry>;

/** Per attribute (in the protocol's order), for each profile side and each candidate. */
export const annotationBodySchema = z.strictObject({
  profile: z.strictObject({ preference: fiveOf(profileEntry), nonPreference: fiveOf(profileEntry) }),
  scores: z.strictObject({ A: fiveOf(scoreEntry), B: fiveOf(scoreEntry) }),
  verdict: z.enum(verdicts),
  comment: z.string().trim().max(2000).nullable().default(null),
});

export type AnnotationBody = z.infer<typeof annotationBodySchema>;

/** True when the annotation changes anything the model wrote. */
export function hasCorrections(body: Pick<AnnotationBody, "profile" | "scores">): boolean {
  const profile = [...body.profile.preference, ...body.profile.nonPreference];
  const scores = [...body.scores.A, ...body.scores.B];
  return (
    profile.some((entry) => entry.correction !== null) ||
    scores.some((entry) => entry.corrected !== null || entry.rationale !== null)
  );
}

const runFilter = z.strictObject({
  source: z.literal("run"),
  runId: z.uuid(),
  /** Only results whose answer is wrong (strict) against the label. */
  onlyIncorrect: z.boolean().default(false),
  /** Only outputs with at least one consistency issue. */
  onlyWithIssues: z.boolean().default(false),
  limit: z.number().int().min(1).max(5000).default(500),
});

const assessmentFilter = z.strictObject({
  source: z.literal("assessments"),
  /** Only assessments by this model. */
  model: z.string().trim().min(1).max(200).optional(),
  onlyWithIssues: z.boolean().default(false),
  limit: z.number().int().min(1).max(5000).default(500),
});

export const queueFilterSchema = z.discriminatedUnion("source", [runFilter, assessmentFilter]);
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const createQueueSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  filter: queueFilterSchema,
  requiredAnnotations: z.number().int().min(1).max(10).default(1),
  /** Emails of who may work on it; empty lets every annotator. */
  annotators: z.array(z.email().toLowerCase()).max(200).default([]),
});
export type CreateQueueInput = z.infer<typeof createQueueSchema>;

/** A reviewer settles a disputed item with a final annotation of their own (often one annotator's, taken over). */
export const resolutionSchema = annotationBodySchema;
