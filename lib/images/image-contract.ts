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
  /** How it entered the library; null when it is not in the library (a benchmark's picture, or removed but still used). */
  source: z.enum(["upload", "demo"]).nullable(),
  /** When it entered the library. */
  addedAt: z.string().nullable(),
  url: z.string(),
  originalUrl: z.string(),
  thumbnailUrl: z.string(),
});
export type ImageJson = z.infer<typeof imageJsonSchema>;

/** `total`: the images that match the filter; `libraryTotal`: the whole library. */
export const imagePageSchema = z.object({
  images: z.array(imageJsonSchema),
  total: z.number(),
  libraryTotal: z.number(),
});
export type ImagePage = z.infer<typeof imagePageSchema>;

export const librarySources = ["upload", "demo"] as const;
export type LibrarySourceName = (typeof librarySources)[number];

/** The most images `GET /api/images` gives in one page, and the most ids one lookup names. */
export const maxImagesPerPage = 500;
export const maxIdsPerLookup = 100;

const isoInstant = z.iso
  .datetime({ offset: true, message: "must be a date and time such as 2026-12-03T00:00:00Z" })
  .transform((value) => new Date(value));

/**
 * GET /api/images: a page of the caller's library, uploads first and newest
 * first, optionally narrowed; or, with `ids`, those of the caller's library
 * images (a lookup, for pages that hold ids and need names).
 */
export const libraryQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(maxImagesPerPage, `must be at most ${maxImagesPerPage}`)
      .default(100),
    after: z.uuid("must be the id of one of your images").optional(),
    source: z.enum(librarySources, { message: "must be upload or demo" }).optional(),
    name: z.string().trim().max(200, "must be at most 200 characters").optional(),
    addedFrom: isoInstant.optional(),
    addedBefore: isoInstant.optional(),
    ids: z
      .string()
      .transform((value) => value.split(",").filter(Boolean))
      .pipe(
        z
          .array(z.uuid("must be image ids, separated by commas"))
          .max(maxIdsPerLookup, `must name at most ${maxIdsPerLookup} images`),
      )
      .optional(),
  })
  .refine((query) => !(query.addedFrom && query.addedBefore) || query.addedFrom < query.addedBefore, {
    message: "must be later than addedFrom",
    path: ["addedBefore"],
  });

/** What the pages filter the library by. */
export type LibraryFilterInput = {
  source?: LibrarySourceName;
  name?: string;
  addedFrom?: string;
  addedBefore?: string;
};

/** The query string of one page of the library, as the pages ask for it. */
export function libraryPagePath(filter: LibraryFilterInput, page: { limit: number; after?: string }): string {
  const params = new URLSearchParams({ limit: String(page.limit) });
  if (page.after) params.set("after", page.after);
  for (const key of ["source", "name", "addedFrom", "addedBefore"] as const) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  return `/api/images?${params}`;
}

/** POST /api/images/removals: takes up to 500 of the caller's images out of their library. */
export const imageRemovalSchema = z.strictObject({
  imageIds: z
    .array(z.uuid("must be image ids"))
    .min(1, "name at least one image")
    .max(maxImagesPerPage, `at most ${maxImagesPerPage} images at once`),
});
export const imageRemovalResponseSchema = z.object({ deleted: z.number(), keptForStoredWork: z.number() });

/** POST /api/images: 201, one result per file, an image or an error. */
export const uploadResponseSchema = z.object({
  files: z.array(
    z.object({
      name: z.string(),
      image: imageJsonSchema.extend({ isDuplicate: z.boolean() }).optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});

/** POST /api/images when every file failed: the first file's error, under its status, beside every file's result. */
export const uploadFailedResponseSchema = uploadResponseSchema.extend({
  error: z.object({ code: z.string(), message: z.string() }),
});
