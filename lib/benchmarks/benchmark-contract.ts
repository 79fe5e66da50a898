import { z } from "zod";

/** Benchmark request and response shapes, shared by the API and the pages. */

/** The `folder` that names the demo benchmark's own folder, wherever the server keeps it. */
export const demoFolderKeyword = "demo";

export const importBenchmarkSchema = z.object({
  folder: z.string().trim().min(1, "name the benchmark folder"),
  subsets: z.array(z.string().trim().min(1)).max(10).optional(),
});

export const benchmarkSubsetSchema = z.object({
  id: z.string(),
  name: z.string(),
  source: z.string(),
  sampleCount: z.number(),
  createdAt: z.string(),
});
export type BenchmarkSubsetJson = z.infer<typeof benchmarkSubsetSchema>;
export const benchmarkSubsetsSchema = z.object({ subsets: z.array(benchmarkSubsetSchema) });

export const importResultsQuerySchema = z.object({
  model: z.string().trim().min(1).max(200).default("imported"),
});

/** A proportion with its Wilson 95% interval; with n = 0 the value and bounds are NaN, which JSON carries as null. */
const proportionSchema = z.object({
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  successes: z.number(),
  n: z.number(),
});
export type Proportion = z.infer<typeof proportionSchema>;

export const evaluationRunStatuses = ["queued", "running", "completed", "failed", "cancelled"] as const;

export const evaluationRunSchema = z.object({
  id: z.string(),
  subset: z.object({ id: z.string(), name: z.string(), sampleCount: z.number() }),
  provider: z.string(),
  endpoint: z.string(),
  model: z.string(),
  mode: z.string(),
  templateId: z.string(),
  history: z.number(),
  concurrency: z.number(),
  /** The model as the endpoint's server reported it when the run last started (kept outputs are filed under it); null for the baseline, imported runs, or a server that did not answer. */
  servedModel: z.string().nullable(),
  /** The run asks the model for every sample rather than reusing kept outputs. */
  freshOutputs: z.boolean(),
  /** Every sample assessed in both orders (A/B, then B/A). */
  swap: z.boolean(),
  /** The output grammar each request carried ("regex for vllm"); null when the requests were the official ones. */
  structured: z.string().nullable(),
  status: z.enum(evaluationRunStatuses),
  source: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Why a queued run has not started: its owner has `running` runs executing, as many as the `limit` (RUNS_PER_USER) allows; null otherwise. */
  waitingFor: z.object({ reason: z.literal("runs_per_user"), running: z.number(), limit: z.number() }).nullable(),
  progress: z.object({
    /** Samples with a stored result. */
    done: z.number(),
    /** Samples that failed every attempt they were allowed (a resume tries them again). */
    failed: z.number(),
    total: z.number(),
    samplesPerSecond: z.number().nullable(),
    etaSeconds: z.number().nullable(),
  }),
  summary: z.object({
    strict: proportionSchema,
    lenient: proportionSchema,
    formatValid: proportionSchema,
    /** The official evaluation's own verdicts, for imported results files; null otherwise. */
    official: proportionSchema.nullable(),
    issueCounts: z.record(z.string(), z.number()),
    millisecondsPerSample: z.number().nullable(),
    /** Outputs (two per sample in a swap run) that were kept ones, reused rather than asked of the model. */
    reused: z.object({ outputs: z.number(), cached: z.number() }),
    /**
     * A swap run's figures; null for other runs. `positionBias`: of the
     * samples answered in both orders, the share whose answer followed the
     * position (the same letter both times). `consistentAccuracy`: strict
     * accuracy over the samples whose two answers name the same picture.
     * `accuracyBothOrders`: the share of all samples correct in both orders,
     * an inconsistent one counting as wrong.
     */
    swap: z
      .object({
        positionBias: proportionSchema,
        consistentAccuracy: proportionSchema,
        accuracyBothOrders: proportionSchema,
      })
      .nullable(),
  }),
});
export type EvaluationRunJson = z.infer<typeof evaluationRunSchema>;
export const evaluationRunBodySchema = z.object({ run: evaluationRunSchema });
export const evaluationRunsSchema = z.object({ runs: z.array(evaluationRunSchema) });

export const newEvaluationRunSchema = z.object({
  subsetId: z.string().trim().min(1, "name the subset"),
  endpoint: z.string().trim().min(1).optional(),
  mode: z.enum(["reasoning", "fast"], { error: "must be reasoning or fast" }).default("reasoning"),
  /** References per side sent with each sample; the official evaluation sends 5. */
  history: z.number().int().min(1).max(20).default(5),
  concurrency: z.number().int().min(1).max(32).default(2),
  /** Ask the model for every sample, even one whose identical request has a kept output. */
  freshOutputs: z.boolean().default(false),
  /** Assess every sample in both orders (A/B, then B/A), to measure position bias. */
  swap: z.boolean().default(false),
});

export type NewEvaluationRunBody = z.infer<typeof newEvaluationRunSchema>;

export const exportRunQuerySchema = z.object({
  format: z.enum(["official", "csv"], { error: "must be official or csv" }).default("official"),
});

/** A stored result as the failure browser lists it: what the filters need, not the output. */
export const resultRowSchema = z.object({
  id: z.string(),
  sampleId: z.string(),
  sampleIndex: z.number(),
  officialOrder: z.number(),
  label: z.string(),
  answer: z.string().nullable(),
  strictCorrect: z.boolean(),
  lenientCorrect: z.boolean(),
  formatValid: z.boolean(),
  issueCodes: z.array(z.string()),
  dreamsimVote: z.string().nullable(),
  /** The output was a kept one, reused rather than asked of the model. */
  cached: z.boolean(),
  /** Swap runs: whether the answers in both orders name the same picture; null when one order has no answer, or in other runs. */
  swapConsistent: z.boolean().nullable(),
});
export type ResultRowJson = z.infer<typeof resultRowSchema>;
/** Most rows a page of GET /api/benchmarks/runs/:id/results holds. */
export const resultRowsPageMax = 5000;

/** A page of a run's rows in the official order; `next` is the `after` of the next page, null on the last. */
export const resultRowsSchema = z.object({ results: z.array(resultRowSchema), next: z.number().int().nullable() });

/**
 * The query of a list paged along a subset's official order: `after` is the
 * previous page's `next` (absent on the first page), `limit` 1 to `max`.
 */
export const officialOrderPageQuery = (max: number) => ({
  after: z.coerce.number("must be a number").int("must be a whole number").min(0, "must be 0 or more").optional(),
  limit: z.coerce
    .number("must be a number")
    .int("must be a whole number")
    .min(1, `must be 1-${max}`)
    .max(max, `must be 1-${max}`)
    .default(max),
});

export const resultRowsQuerySchema = z.object({
  /** Only results whose output contains this text, any case. */
  q: z.string().trim().max(200, "search for at most 200 characters").optional(),
  ...officialOrderPageQuery(resultRowsPageMax),
});

const attributeTextSchema = z.record(z.string(), z.string());

/** Per attribute, how much of the true profile's wording the predicted one shares (0-1), null where either is missing. */
export const profileSimilaritySchema = z.object({
  method: z.string(),
  preference: z.record(z.string(), z.number().nullable()),
  nonPreference: z.record(z.string(), z.number().nullable()),
  mean: z.number().nullable(),
});
export type ProfileSimilarityJson = z.infer<typeof profileSimilaritySchema>;

export const resultDetailSchema = z.object({
  result: z.object({
    id: z.string(),
    runId: z.string(),
    output: z.string(),
    strictCorrect: z.boolean(),
    lenientCorrect: z.boolean(),
    formatValid: z.boolean(),
    officialCorrect: z.boolean().nullable(),
    milliseconds: z.number().nullable(),
    answer: z.string().nullable(),
    issues: z.array(z.object({ code: z.string(), message: z.string() })),
    profiles: z.object({ preference: z.array(attributeTextSchema), nonPreference: z.array(attributeTextSchema) }),
    scores: z.object({ A: z.array(z.number().nullable()), B: z.array(z.number().nullable()) }),
    statedTotals: z.object({ A: z.number().nullable(), B: z.number().nullable() }),
    computedTotals: z.object({ A: z.number().nullable(), B: z.number().nullable() }),
    /** The output was a kept one, reused rather than asked of the model. */
    cached: z.boolean(),
    /** A swap run's second output, with image A and image B exchanged (its answer names positions of that order). */
    swapped: z
      .object({
        output: z.string(),
        answer: z.string().nullable(),
        strictCorrect: z.boolean(),
        cached: z.boolean(),
        consistent: z.boolean().nullable(),
      })
      .nullable(),
  }),
  sample: z.object({
    id: z.string(),
    index: z.number(),
    officialOrder: z.number(),
    label: z.string(),
    imageAId: z.string(),
    imageBId: z.string(),
    imageAPath: z.string(),
    imageBPath: z.string(),
    preferredImageIds: z.array(z.string()),
    nonPreferredImageIds: z.array(z.string()),
    userId: z.string().nullable(),
    preferAttributes: attributeTextSchema.nullable(),
    nonPreferAttributes: attributeTextSchema.nullable(),
  }),
  /** Null when the sample carries no true profile. */
  profileSimilarity: profileSimilaritySchema.nullable(),
});
export type ResultDetailJson = z.infer<typeof resultDetailSchema>;

export const compareRunsQuerySchema = z.object({
  a: z.string().trim().min(1, "name the first run"),
  b: z.string().trim().min(1, "name the second run"),
});

const flipSchema = z.object({
  sampleId: z.string(),
  sampleIndex: z.number(),
  aResultId: z.string(),
  bResultId: z.string(),
});
export type FlipJson = z.infer<typeof flipSchema>;

export const runComparisonSchema = z.object({
  a: z.object({ id: z.string(), model: z.string(), accuracy: proportionSchema }),
  b: z.object({ id: z.string(), model: z.string(), accuracy: proportionSchema }),
  subset: z.object({ id: z.string(), name: z.string() }),
  /** Samples both runs have a result for: the accuracies and the test are over these alone. */
  paired: z.number(),
  bothRight: z.number(),
  bothWrong: z.number(),
  /** Right in A, wrong in B. */
  rightToWrong: z.array(flipSchema),
  /** Wrong in A, right in B. */
  wrongToRight: z.array(flipSchema),
  /** B's strict accuracy minus A's, over the paired samples. */
  difference: z.number().nullable(),
  /** The difference's interval, by the named method (a paired bootstrap over the paired samples); null with none paired. */
  differenceInterval: z.object({ low: z.number(), high: z.number(), level: z.number(), method: z.string() }).nullable(),
  mcnemar: z.object({ b: z.number(), c: z.number(), chiSquare: z.number().nullable(), pValue: z.number() }),
});
export type RunComparisonJson = z.infer<typeof runComparisonSchema>;

export const importZipQuerySchema = z.object({
  /** The uploaded file's name, to tell imports apart in the list. */
  name: z.string().trim().min(1).max(200).default("benchmark.zip"),
  /** Comma-separated subset names; all of the zip's subsets without it. */
  subsets: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((value) =>
      value
        ?.split(",")
        .map((name) => name.trim())
        .filter(Boolean),
    ),
});

/** An interval that says which method made it. */
const namedIntervalSchema = z.object({
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  n: z.number(),
  method: z.string(),
});

const agreementSchema = z.object({ mean: z.number().nullable(), n: z.number() });

/** GET /api/benchmarks/runs/:id/analysis: the run's accuracy intervals and where its wrong answers come from. */
export const runAnalysisSchema = z.object({
  runId: z.string(),
  accuracy: z.object({
    /** Strict accuracy with the Wilson interval, which takes the samples as independent. */
    wilson: namedIntervalSchema,
    /** The same, clustered by person (a subset with several samples per person); null when each person has one sample or none is named. */
    byPerson: namedIntervalSchema.extend({ clusters: z.number() }).nullable(),
  }),
  errors: z.object({
    method: z.string(),
    results: z.number(),
    wrong: z.number(),
    deciding: z.array(z.object({ attribute: z.string(), count: z.number() })),
    withoutScores: z.number(),
    noAttributeFavoured: z.number(),
    profileAgreement: z
      .array(z.object({ attribute: z.string(), preference: agreementSchema, nonPreference: agreementSchema }))
      .nullable(),
    profileAgreementMethod: z.string(),
  }),
});
export type RunAnalysisJson = z.infer<typeof runAnalysisSchema>;
