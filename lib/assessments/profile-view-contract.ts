import { z } from "zod";

/** GET /api/reference-sets/:id/profile, as the profile page reads it. */

const texts = z.record(z.string(), z.string());

export const profileViewSchema = z.object({
  referenceSet: z.object({ id: z.string(), name: z.string() }),
  predicted: z
    .object({
      assessmentId: z.string(),
      provider: z.string(),
      model: z.string(),
      createdAt: z.string(),
      preference: z.array(texts),
      nonPreference: texts,
      flattenedPreference: z.string(),
    })
    .nullable(),
  stated: z.object({ preference: texts, nonPreference: texts }).nullable(),
  comparison: z.object({ preference: texts, nonPreference: texts }),
});
export type ProfileView = z.infer<typeof profileViewSchema>;
