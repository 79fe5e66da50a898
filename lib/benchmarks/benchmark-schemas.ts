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
