import { z } from "zod";
import { type AttributeKey, attributeKeys } from "@/lib/preferthinker/attributes";

/**
 * Judgments and agreement: request bodies and answers of
 * PUT /api/assessments/:id/judgment and GET /api/assessments/agreement,
 * shared with the pages that send and read them. No server imports.
 */

export const judgmentChoiceSchema = z.enum(["A", "B", "tie"]);
const attributeKeySchema = z.enum(attributeKeys as [AttributeKey, ...AttributeKey[]]);
export type JudgmentChoice = z.infer<typeof judgmentChoiceSchema>;

/** The Idempotency-Key header of a judgment: a fresh one per decision (crypto.randomUUID() will do), the same one on a retry. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, "must be 8-128 letters, digits, _ or -");

/** PUT /api/assessments/:id/judgment. */
export const judgmentBodySchema = z.object({
  choice: judgmentChoiceSchema,
  /** The attributes whose score by the model the person disagrees with. */
  disagreements: z
    .array(attributeKeySchema)
    .refine((keys) => new Set(keys).size === keys.length, "lists an attribute twice")
    .default([]),
});
export type JudgmentBody = z.infer<typeof judgmentBodySchema>;

export const judgmentJsonSchema = z.object({
  assessmentId: z.string(),
  choice: judgmentChoiceSchema,
  /** As the judgment body gave them: attribute keys, each once. */
  disagreements: z.array(attributeKeySchema),
  /** Whether the person chose the candidate the model answered; null for a tie or when the model gave no answer. */
  agreesWithModel: z.boolean().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JudgmentJson = z.infer<typeof judgmentJsonSchema>;

/** PUT /api/assessments/:id/judgment: the judgment as stored. */
export const judgmentResponseSchema = z.object({ judgment: judgmentJsonSchema });

/** GET /api/assessments/agreement: per model, how often its answer matched the person's choice, in all and per week. */
export const agreementResponseSchema = z.object({
  models: z.array(
    z.object({
      model: z.string(),
      provider: z.string(),
      judged: z.number(),
      agreed: z.number(),
      /** agreed / judged, from 0 to 1. */
      rate: z.number(),
      /** Oldest first; `week` is the date (YYYY-MM-DD) of its Monday, UTC. */
      weeks: z.array(z.object({ week: z.string(), judged: z.number(), agreed: z.number() })),
    }),
  ),
});
export type AgreementJson = z.infer<typeof agreementResponseSchema>;
