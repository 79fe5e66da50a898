import { z } from "zod";

/** The body of POST /api/assessments, shared with the pages that send it. */
export const newAssessmentSchema = z
  .object({
    preferredImageIds: z.array(z.uuid("must be image ids")).min(1, "give at least one preferred image").max(20),
    nonPreferredImageIds: z.array(z.uuid("must be image ids")).min(1, "give at least one non-preferred image").max(20),
    candidateImageIds: z.array(z.uuid("must be image ids")).min(1).max(2),
    mode: z.enum(["reasoning", "fast", "single"]).default("reasoning"),
    endpoint: z.string().optional(),
  })
  .refine((body) => body.candidateImageIds.length === (body.mode === "single" ? 1 : 2), {
    message: "give two candidates (A and B), or one in single mode",
    path: ["candidateImageIds"],
  });

export type NewAssessmentBody = z.infer<typeof newAssessmentSchema>;
