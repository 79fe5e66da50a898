import { z } from "zod";
import { attributeKeys, type AttributeKey } from "@/lib/preferthinker/attributes";
import { annotationBodySchema, verdicts } from "./annotation-contract";

/**
 * An annotation item as the pages see it: the pictures, the parsed output
 * (laid out as the assess page lays it out), the pre-checks, and the lease.
 * Checked with zod on the page, since it crosses the network.
 */

const attribute = z.enum(attributeKeys as [AttributeKey, ...AttributeKey[]]);
const profile = z.partialRecord(attribute, z.string());
const scoreCell = z.object({ score: z.number().nullable(), rationale: z.string() }).nullable();

export const itemViewSchema = z.object({
  id: z.string(),
  queueId: z.string(),
  queueName: z.string(),
  position: z.number(),
  model: z.string(),
  label: z.string().nullable(),
  prechecks: z.array(z.object({ code: z.string(), message: z.string() })),
  profiles: z.object({ preference: z.array(profile), nonPreference: z.array(profile) }),
  scores: z.object({ A: z.array(scoreCell).length(5), B: z.array(scoreCell).length(5) }),
  totals: z.object({ A: z.number().nullable(), B: z.number().nullable() }),
  answer: z.string().nullable(),
  output: z.string(),
  images: z.object({
    preferred: z.array(z.string()),
    nonPreferred: z.array(z.string()),
    candidates: z.array(z.string()),
  }),
  leaseExpiresAt: z.string().nullable(),
});
export type ItemView = z.infer<typeof itemViewSchema>;

/** POST /api/annotation/queues/:id/claims: the next item, or none left for this person. */
export const claimResponseSchema = z.object({ item: itemViewSchema.nullable(), remaining: z.number() });
export type ClaimResponse = z.infer<typeof claimResponseSchema>;

/** An annotation just stored, and until when its annotator may take it back. */
export const submittedAnnotationSchema = z.object({ id: z.string(), itemId: z.string(), undoUntil: z.string() });
export type SubmittedAnnotation = z.infer<typeof submittedAnnotationSchema>;

/** POST /api/annotation/items/:id/annotations: 201. */
export const submitResponseSchema = z.object({ annotation: submittedAnnotationSchema });

/** DELETE /api/annotation/annotations/:id: the item that is the annotator's again. */
export const undoneAnnotationSchema = z.object({ itemId: z.string(), queueId: z.string() });
export type UndoneAnnotation = z.infer<typeof undoneAnnotationSchema>;

/** PUT /api/annotation/items/:id/resolution. */
export const resolutionResponseSchema = z.object({ resolved: z.literal(true) });

export const queueSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  requiredAnnotations: z.number(),
  items: z.number(),
  annotationsNeeded: z.number(),
  annotationsDone: z.number(),
  mine: z.number(),
  availableToMe: z.number(),
  /** Whether the person asking may annotate it: an annotator it is open to (every one, when it names none). */
  mayWork: z.boolean(),
});
export type QueueSummary = z.infer<typeof queueSummarySchema>;

/** GET /api/annotation/queues (the researcher's) and GET /api/annotation/work (those open to the annotator). */
export const queueSummariesResponseSchema = z.object({ queues: z.array(queueSummarySchema) });
/** POST /api/annotation/queues: 201 with the new queue. */
export const queueResponseSchema = z.object({ queue: queueSummarySchema });

const figure = z.object({ value: z.number().nullable(), n: z.number() });

export const queueDetailSchema = queueSummarySchema.extend({
  filter: z.unknown(),
  annotators: z.array(z.string()),
  states: z.object({ open: z.number(), disputed: z.number(), resolved: z.number(), settled: z.number() }),
  agreement: z.object({
    verdict: z.object({ kappa: figure.nullable(), alpha: figure }),
    attributes: z.array(z.object({ attribute: z.string(), kappa: figure.nullable(), alpha: figure })),
    annotators: z.array(
      z.object({
        annotatorId: z.string(),
        email: z.string(),
        annotations: z.number(),
        medianSeconds: z.number().nullable(),
        perHour: z.number().nullable(),
        consensus: figure,
      }),
    ),
  }),
});
export type QueueDetail = z.infer<typeof queueDetailSchema>;

/** GET /api/annotation/queues/:id. */
export const queueDetailResponseSchema = z.object({ queue: queueDetailSchema });

export const reviewItemSchema = z.object({
  item: itemViewSchema,
  annotations: z.array(
    z.object({
      id: z.string(),
      annotatorEmail: z.string(),
      verdict: z.enum(verdicts),
      body: annotationBodySchema,
      createdAt: z.string(),
    }),
  ),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

/** GET /api/annotation/queues/:id/review: the items whose annotators disagree. */
export const reviewItemsResponseSchema = z.object({ items: z.array(reviewItemSchema) });
