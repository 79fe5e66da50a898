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
const proportionSchema = z.object({ value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), successes: z.number(), n: z.number() });
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
  status: z.enum(evaluationRunStatuses),
  source: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.object({ done: z.number(), total: z.number(), samplesPerSecond: z.number().nullable(), etaSeconds: z.number().nullable() }),
  summary: z.object({
    strict: proportionSchema,
    lenient: proportionSchema,
    formatValid: proportionSchema,
    /** The official evaluation's own verdicts, for imported results files; null otherwise. */
    official: proportionSchema.nullable(),
    issueCounts: z.record(z.string(), z.number()),
    millisecondsPerSample: z.number().nullable(),
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
});

export type NewEvaluationRunBody = z.infer<typeof newEvaluationRunSchema>;

export const exportRunQuerySchema = z.object({
  format: z.enum(["official", "csv"], { error: "must be official or csv" }).default("official"),
});
