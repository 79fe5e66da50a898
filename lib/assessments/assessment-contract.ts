import { z } from "zod";
import { judgmentJsonSchema } from "./judgment-contract";

export const assessmentStatuses = ["queued", "running", "completed", "failed", "cancelled"] as const;
export const assessmentModes = ["reasoning", "fast", "single"] as const;
export type AssessmentMode = (typeof assessmentModes)[number];

/** The body of POST /api/assessments, shared with the pages that send it. */
export const newAssessmentSchema = z
  .object({
    preferredImageIds: z.array(z.uuid("must be image ids")).min(1, "give at least one preferred image").max(20),
    nonPreferredImageIds: z.array(z.uuid("must be image ids")).min(1, "give at least one non-preferred image").max(20),
    candidateImageIds: z.array(z.uuid("must be image ids")).min(1).max(2),
    mode: z.enum(assessmentModes).default("reasoning"),
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
  mode: z.enum(assessmentModes, "must be reasoning, fast or single").optional(),
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

/** The filters as a query string, in a stable order (empty without any). */
export function toAssessmentFilterQuery(filters: AssessmentFilters): string {
  const params = new URLSearchParams();
  for (const key of assessmentFilterKeys) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/** The address of one page of GET /api/assessments, as the pages ask for it. */
export function assessmentPagePath(filters: AssessmentFilters, page: { limit: number; before?: string }): string {
  const params = new URLSearchParams({ limit: String(page.limit) });
  if (page.before) params.set("before", page.before);
  const filterQuery = toAssessmentFilterQuery(filters);
  return `/api/assessments?${params}${filterQuery ? `&${filterQuery}` : ""}`;
}

const problemSchema = z.object({ code: z.string(), message: z.string() });

/**
 * What an assessment and its listing share: every stored field but the
 * model's output and its reading, which can run to many kilobytes a row.
 */
const assessmentFieldsSchema = z.object({
  id: z.string(),
  status: z.enum(assessmentStatuses),
  mode: z.enum(assessmentModes),
  preferredImageIds: z.array(z.string()),
  nonPreferredImageIds: z.array(z.string()),
  candidateImageIds: z.array(z.string()),
  /** "openai-compatible" for a model server, "baseline" for the built-in assessor. */
  provider: z.string(),
  endpoint: z.string(),
  model: z.string(),
  templateId: z.string(),
  /** The generation settings sent to the model, as stored. */
  settings: z.unknown(),
  issueCodes: z.array(z.string()),
  error: problemSchema.nullable(),
  timings: z.object({
    queueWaitMs: z.number().nullable(),
    firstTokenMs: z.number().nullable(),
    totalMs: z.number().nullable(),
  }),
  usage: z.object({ promptTokens: z.number().nullable(), completionTokens: z.number().nullable() }),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  referenceSetId: z.string().nullable(),
  /** The assessment this one repeated with A and B swapped. */
  swapOfId: z.string().nullable(),
  judgment: judgmentJsonSchema.nullable(),
});

/** An assessment as the API shows it: with the output (so far, while it runs) and its stored reading. */
export const assessmentJsonSchema = assessmentFieldsSchema.extend({
  output: z.string(),
  /** The stored reading of the output (lib/preferthinker's ParsedAssessment); null before any. */
  parsed: z.unknown(),
});
export type AssessmentJson = z.infer<typeof assessmentJsonSchema>;

/** One assessment of GET /api/assessments: no output and no reading, only the answer read from it. */
export const assessmentListItemSchema = assessmentFieldsSchema.extend({
  /** The stored reading's answer ("Image A", "Image B"); null before any, or when there was none. */
  answer: z.string().nullable(),
  /** For a swap check: the assessment it repeated with A and B swapped, and when that ran. */
  swapOf: z.object({ id: z.string(), createdAt: z.string() }).nullable(),
});
export type AssessmentListItem = z.infer<typeof assessmentListItemSchema>;

/** GET /api/assessments: a page, newest first. */
export const assessmentPageSchema = z.object({ assessments: z.array(assessmentListItemSchema) });

/** One run that repeated an assessment with A and B swapped, in GET /api/assessments/:id's `swappedRepeats`. */
export const swappedRepeatJsonSchema = z.object({
  id: z.string(),
  status: z.enum(assessmentStatuses),
  candidateImageIds: z.array(z.string()),
  /** "Image A" or "Image B" as the repeat answered (its own A and B); null when it gave none. */
  answer: z.string().nullable(),
  createdAt: z.string(),
});
export type SwappedRepeatJson = z.infer<typeof swappedRepeatJsonSchema>;

/** GET /api/assessments/:id: the assessment, and the runs that repeated it with A and B swapped, newest first. */
export const assessmentResponseSchema = z.object({
  assessment: assessmentJsonSchema.extend({ swappedRepeats: z.array(swappedRepeatJsonSchema) }),
});
export type AssessmentResponse = z.infer<typeof assessmentResponseSchema>;
