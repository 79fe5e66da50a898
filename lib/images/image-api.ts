// Shared by the image API and the pages; no server imports.
import { z } from "zod";

/** The image API's answers, as pages parse them. */
export const imageJsonSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  width: z.number(),
  height: z.number(),
  format: z.string(),
  bytes: z.number(),
  name: z.string(),
  createdAt: z.string(),
  url: z.string(),
  originalUrl: z.string(),
  thumbnailUrl: z.string(),
});
export type ImageJson = z.infer<typeof imageJsonSchema>;

export const imagePageSchema = z.object({ images: z.array(imageJsonSchema), total: z.number() });

export const uploadResponseSchema = z.object({
  files: z.array(
    z.object({
      name: z.string(),
      image: imageJsonSchema.extend({ isDuplicate: z.boolean() }).optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
