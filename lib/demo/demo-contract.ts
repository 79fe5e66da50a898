import { z } from "zod";
import { benchmarkSubsets } from "@/lib/preferthinker/benchmark-format";

/**
 * The demo benchmark as the HTTP API shows it (GET /api/demo,
 * /api/demo/samples) and as the pages read it back.
 */

const profileSchema = z.record(z.string(), z.string());

export const demoSampleSchema = z.object({
  subset: z.enum(benchmarkSubsets),
  index: z.number().int().min(0),
  userId: z.string(),
  label: z.enum(["Image A", "Image B"]),
  preferAttributes: profileSchema,
  nonPreferAttributes: profileSchema,
  /** Image paths relative to the demo's images/ folder; GET /api/demo/images/<path> serves them. */
  images: z.object({
    preferred: z.array(z.string()),
    nonPreferred: z.array(z.string()),
    imageA: z.string(),
    imageB: z.string(),
  }),
});
export type DemoSampleJson = z.infer<typeof demoSampleSchema>;

export const demoOverviewSchema = z.object({
  available: z.boolean(),
  seed: z.number().nullable(),
  subsets: z.array(z.object({ subset: z.enum(benchmarkSubsets), samples: z.number() })),
});
export type DemoOverview = z.infer<typeof demoOverviewSchema>;

export const demoSamplePageSchema = z.object({
  samples: z.array(demoSampleSchema),
  total: z.number(),
  nextOffset: z.number().nullable(),
});

export const importDemoSampleSchema = z.object({ subset: z.enum(benchmarkSubsets), index: z.number().int().min(0) });

export const importedDemoSampleSchema = z.object({
  preferredImageIds: z.array(z.string()),
  nonPreferredImageIds: z.array(z.string()),
  candidateImageIds: z.array(z.string()),
  label: z.enum(["Image A", "Image B"]),
});
export type ImportedDemoSample = z.infer<typeof importedDemoSampleSchema>;
