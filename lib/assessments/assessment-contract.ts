import { z } from "zod";
import { judgmentJsonSchema } from "./judgment-contract";

/** The body of POST /api/assessments, shared with the pages that send it. */
export const newAssessmentSchema = z
  .object({
    preferredImageIds: z.array(z.uuid("must be image ids")).min(1, "give at least one preferred image").max(20),
    nonPreferredImageIds: z.array(z.uuid("must be image ids")).min(1, "give at least one non-preferred image").max(20),
    candidateImageIds: z.array(z.uuid("must be image ids")).min(1).max(2),
    mode: z.enum(["reasoning", "fast", "single"]).default("reasoning"),
    endpoint: z.string().optional(),
    /** The caller's reference set these references were taken from. */
    referenceSetId: z.uuid("must be a reference set id").optional(),
    /** The caller's assessment this one repeats with the candidates swapped (B first). */
    swapOf: z.uuid("must be an assessment id").optional(),
  })
  .refine((body) => body.candidateImageIds.length === (body.mode === "single" ? 1 : 2), {
    message: "give two candidates (A and B), or one in single mode",
    path: ["candidateImageIds"],
  });

export type NewAssessmentBody = z.infer<typeof newAssessmentSchema>;

/** The query of GET /api/assessments: a page of the caller's assessments, newest first, optionally filtered. */
export const assessmentListQuerySchema = z.object({
  limit: z.coerce
    .number("must be a number")
    .int("must be a whole number")
    .min(1, "must be 1-100")
    .max(100, "must be 1-100")
    .default(20),
  /** The last id of the previous page. */
  before: z.uuid("must be an assessment id").optional(),
  mode: z.enum(["reasoning", "fast", "single"], "must be reasoning, fast or single").optional(),
  /** The model's name, exactly. */
  model: z.string().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
  /** agree / disagree: judged, and the person chose (or did not choose) the model's answer; unjudged: no judgment yet. */
  agreement: z.enum(["agree", "disagree", "unjudged"], "must be agree, disagree or unjudged").optional(),
  /** with / without consistency issues in the model's output. */
  issues: z.enum(["with", "without"], "must be with or without").optional(),
});
export type AssessmentListQuery = z.infer<typeof assessmentListQuerySchema>;

/** The filters of GET /api/assessments a page keeps in its address. */
export const assessmentFilterKeys = ["mode", "model", "agreement", "issues"] as const;
export type AssessmentFilters = Pick<AssessmentListQuery, (typeof assessmentFilterKeys)[number]>;

/** One assessment of GET /api/assessments as a list shows it (the fields it does not read pass through unchecked). */
export const assessmentListItemSchema = z
  .object({
    id: z.string(),
    status: z.enum(["queued", "running", "completed", "failed", "cancelled"]),
    mode: z.enum(["reasoning", "fast", "single"]),
    provider: z.string(),
    endpoint: z.string(),
    model: z.string(),
    candidateImageIds: z.array(z.string()),
    preferredImageIds: z.array(z.string()),
    /** The stored reading of the output; null before any, and its answer null when there was none. */
    parsed: z.object({ answer: z.string().nullish() }).loose().nullable(),
    issueCodes: z.array(z.string()),
    judgment: judgmentJsonSchema.nullable(),
    timings: z.object({ totalMs: z.number().nullable() }).loose(),
    createdAt: z.string(),
    /** For a swap check: the assessment it repeated with A and B swapped, and when that ran. */
    swapOf: z.object({ id: z.string(), createdAt: z.string() }).nullish(),
  })
  .loose();
export type AssessmentListItem = z.infer<typeof assessmentListItemSchema>;

/** GET /api/assessments: a page, newest first. */
export const assessmentPageSchema = z.object({ assessments: z.array(assessmentListItemSchema) });

/** One run that repeated an assessment with A and B swapped, in GET /api/assessments/:id's `swappedRepeats`. */
export const swappedRepeatJsonSchema = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "completed", "failed", "cancelled"]),
  candidateImageIds: z.array(z.string()),
  /** "Image A" or "Image B" as the repeat answered (its own A and B); null when it gave none. */
  answer: z.string().nullable(),
  createdAt: z.string(),
});
export type SwappedRepeatJson = z.infer<typeof swappedRepeatJsonSchema>;
