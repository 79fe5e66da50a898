import { z } from "zod";
import { attributeKeys, type AttributeKey } from "@/lib/preferthinker/attributes";

/**
 * The server-sent events of an assessment (POST /api/assessments and
 * GET /api/assessments/:id/events): every event's name and the schema of its
 * data, in one place. The server's `push` only accepts what these schemas
 * describe, and the page parses what arrives with the same schemas, so the
 * two sides cannot drift apart. Live runs, replays of stored assessments and
 * the swap check's run all speak it.
 */

const attribute = z.enum(attributeKeys as [AttributeKey, ...AttributeKey[]]);
const label = z.enum(["A", "B"]);
const problem = z.object({ code: z.string(), message: z.string() });

/** How an assessment ended: the only statuses a `done` event carries. */
export const endedStatuses = ["completed", "failed", "cancelled"] as const;
export type EndedStatus = (typeof endedStatuses)[number];

export const assessmentEventSchemas = {
  created: z.object({
    assessmentId: z.string(),
    /** "openai-compatible" for a model server, "baseline" for the built-in assessor (labelled as such). */
    provider: z.string(),
    endpoint: z.string(),
    model: z.string(),
  }),
  queued: z.object({ position: z.number().int().min(1) }),
  started: z.object({ queueWaitMs: z.number().nullable() }),
  delta: z.object({ text: z.string() }),
  "block-start": z.object({
    block: z.enum(["preference", "nonPreference", "think", "answer"]),
    occurrence: z.number().int(),
  }),
  "block-end": z.object({
    block: z.enum(["preference", "nonPreference", "think", "answer"]),
    occurrence: z.number().int(),
  }),
  "profile-attribute": z.object({
    side: z.enum(["preference", "nonPreference"]),
    profileIndex: z.number().int().min(0),
    attribute,
    value: z.string(),
  }),
  score: z.object({
    image: label,
    attribute,
    score: z.number().nullable(),
    rawScore: z.string(),
    rationale: z.string(),
  }),
  total: z.object({
    image: label,
    stated: z.number().nullable(),
    addends: z.array(z.number()).nullable(),
    expression: z.string(),
  }),
  answer: z.object({ text: z.string() }),
  issue: problem,
  error: problem,
  /**
   * The last event. A stored run replayed after a restart may lack timings it
   * never reached (an interrupted run has no total time), hence the nulls.
   */
  done: z.object({
    status: z.enum(endedStatuses),
    timings: z.object({
      queueWaitMs: z.number().nullable().optional(),
      firstTokenMs: z.number().nullable(),
      totalMs: z.number().nullable(),
    }),
    usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }).nullable().optional(),
  }),
} as const;

type Schemas = typeof assessmentEventSchemas;

export type EventName = keyof Schemas;

/** What the server may send with each event. */
export type EventData = { [K in EventName]: z.input<Schemas[K]> };

/** One event as sent: its name and data, tied together. */
export type AssessmentEvent = { [K in EventName]: { event: K; data: EventData[K] } }[EventName];

/** One event as the page reads it, after its schema accepted it. */
export type ParsedAssessmentEvent = { [K in EventName]: { event: K; data: z.output<Schemas[K]> } }[EventName];

const isEventName = (name: string): name is EventName => Object.hasOwn(assessmentEventSchemas, name);

/** An event that arrived over the network, checked: null for an unknown name or data its schema refuses. */
export function parseAssessmentEvent(event: string, data: unknown): ParsedAssessmentEvent | null {
  if (!isEventName(event)) return null;
  const parsed = assessmentEventSchemas[event].safeParse(data);
  return parsed.success ? ({ event, data: parsed.data } as ParsedAssessmentEvent) : null;
}
