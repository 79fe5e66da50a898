import { z } from "zod";

/** Benchmark request and response shapes, shared by the API and the pages. */

export const importBenchmarkSchema = z.object({
  folder: z.string().trim().min(1, "name the benchmark folder"),
  subsets: z.array(z.string().trim().min(1)).max(10).optional(),
});

export type BenchmarkSubsetJson = {
  id: string;
  name: string;
  source: string;
  sampleCount: number;
  createdAt: string;
};

export const importResultsQuerySchema = z.object({
  model: z.string().trim().min(1).max(200).default("imported"),
});

export type Proportion = { value: number; low: number; high: number; successes: number; n: number };

export type EvaluationRunJson = {
  id: string;
  subset: { id: string; name: string; sampleCount: number };
  provider: string;
  endpoint: string;
  model: string;
  mode: string;
  templateId: string;
  history: number;
  concurrency: number;
  status: "queued" | "running" | "completed" | "failed" | "cancelled";
  source: string;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { done: number; total: number; samplesPerSecond: number | null; etaSeconds: number | null };
  summary: {
    strict: Proportion;
    lenient: Proportion;
    formatValid: Proportion;
    /** The official evaluation's own verdicts, for imported results files; null otherwise. */
    official: Proportion | null;
    issueCounts: Record<string, number>;
    millisecondsPerSample: number | null;
  };
};

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
