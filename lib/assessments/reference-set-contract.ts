import { z } from "zod";
import { type AttributeKey, attributeKeys } from "@/lib/preferthinker/attributes";

/**
 * Reference sets: request bodies and answers of /api/reference-sets, shared
 * with the pages that send and read them. No server imports.
 */

const attributeKey = z.enum(attributeKeys as [AttributeKey, ...AttributeKey[]]);

const imageIds = z
  .array(z.uuid("must be image ids"))
  .max(20, "at most 20 images")
  .refine((ids) => new Set(ids).size === ids.length, "lists the same image twice");

const statement = z.string().trim().max(500, "at most 500 characters").optional();

/** What a person says of their taste on one side: free text for any of the five attributes. */
const statedSide = z
  .strictObject({
    "Art Styles": statement,
    Color: statement,
    "Artistic Medium": statement,
    Saturation: statement,
    Detail: statement,
  } satisfies Record<AttributeKey, typeof statement>)
  // An emptied field is no statement.
  .transform(
    (side) =>
      Object.fromEntries(Object.entries(side).filter(([, value]) => value)) as Partial<Record<AttributeKey, string>>,
  );

export const statedProfileSchema = z.strictObject({
  preference: statedSide.default({}),
  nonPreference: statedSide.default({}),
});
export type StatedProfile = z.infer<typeof statedProfileSchema>;

const name = z.string().trim().min(1, "is required").max(80, "must be at most 80 characters");

const noImageOnBothSides = (set: { preferredImageIds?: string[]; nonPreferredImageIds?: string[] }) =>
  !(set.preferredImageIds ?? []).some((id) => (set.nonPreferredImageIds ?? []).includes(id));
const bothSidesMessage = {
  message: "an image cannot be both preferred and non-preferred",
  path: ["nonPreferredImageIds"],
};

/** A set with no image on either side has nothing to assess against. */
export const emptySetMessage = "A reference set needs at least one liked or disliked image.";

/** POST /api/reference-sets. */
export const newReferenceSetSchema = z
  .object({
    name,
    preferredImageIds: imageIds.default([]),
    nonPreferredImageIds: imageIds.default([]),
    statedProfile: statedProfileSchema.nullable().optional(),
  })
  .refine(noImageOnBothSides, bothSidesMessage)
  .refine((set) => set.preferredImageIds.length + set.nonPreferredImageIds.length > 0, {
    message: emptySetMessage,
    path: ["preferredImageIds"],
  });
export type NewReferenceSetBody = z.infer<typeof newReferenceSetSchema>;

/** PATCH /api/reference-sets/:id: any of the fields; statedProfile null clears it. */
export const referenceSetChangeSchema = z
  .object({
    name: name.optional(),
    preferredImageIds: imageIds.optional(),
    nonPreferredImageIds: imageIds.optional(),
    statedProfile: statedProfileSchema.nullable().optional(),
  })
  .refine(
    (change) => Object.values(change).some((value) => value !== undefined),
    "give name, preferredImageIds, nonPreferredImageIds or statedProfile",
  )
  .refine(noImageOnBothSides, bothSidesMessage);
export type ReferenceSetChange = z.infer<typeof referenceSetChangeSchema>;

export const referenceSetJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  preferredImageIds: z.array(z.string()),
  nonPreferredImageIds: z.array(z.string()),
  statedProfile: z
    .object({
      preference: z.partialRecord(attributeKey, z.string()),
      nonPreference: z.partialRecord(attributeKey, z.string()),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferenceSetJson = z.infer<typeof referenceSetJsonSchema>;

export const referenceSetResponseSchema = z.object({ referenceSet: referenceSetJsonSchema });
export const referenceSetsResponseSchema = z.object({ referenceSets: z.array(referenceSetJsonSchema) });
