import { z } from "zod";

/**
 * The manifest beside a DreamSim ONNX file (public/models/dreamsim/manifest.json):
 * what the model expects and returns, and the file's sha256, which the browser
 * checks before it runs anything. Written by tools/export-dreamsim (the real
 * models) and by lib/dreamsim/test-model (the project's test model).
 */

const triple = z.tuple([z.number(), z.number(), z.number()]);

export const modelManifestSchema = z.object({
  format: z.literal(1),
  /** dino_vitb16, ensemble, … or a test model's name. */
  variant: z.string().min(1).max(80),
  /** True for the project's random-weight test model: never a similarity anyone should trust. */
  isTestModel: z.boolean(),
  precision: z.enum(["fp32", "fp16"]),
  input: z.object({
    name: z.string().min(1),
    /** Square side in pixels; DreamSim uses 224. */
    size: z.number().int().min(16).max(1024),
    /**
     * Applied in the browser after scaling to [0,1]. Null when the graph
     * normalises by itself (the ensemble: each branch has its own mean and std).
     */
    normalization: z
      .object({ mean: triple, std: triple.refine((std) => std.every((value) => value > 0), "std must be positive") })
      .nullable(),
  }),
  output: z.object({
    name: z.string().min(1),
    /**
     * The embedding's parts, in order: each part is mean-subtracted and
     * L2-normalised on its own. DreamSim normalises its concatenated
     * embedding as one part; listing branches allows a per-branch layout.
     */
    branches: z.array(z.object({ name: z.string().min(1), size: z.number().int().positive() })).min(1),
  }),
  file: z
    .string()
    .regex(/^[A-Za-z0-9._-]+\.onnx$/, "a file name beside the manifest, ending in .onnx")
    .refine((name) => !name.startsWith("."), "a file name beside the manifest"),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type ModelManifest = z.infer<typeof modelManifestSchema>;

/** The embedding's total length. */
export const embeddingSize = (manifest: ModelManifest) =>
  manifest.output.branches.reduce((sum, branch) => sum + branch.size, 0);

/** What cached embeddings are keyed by: a different file is a different model. */
export const modelVersionOf = (manifest: ModelManifest) => `${manifest.variant}@${manifest.sha256.slice(0, 16)}`;

/** ImageNet's statistics, which DINO branches are trained with. */
export const imagenetNormalization: { mean: [number, number, number]; std: [number, number, number] } = {
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
};
