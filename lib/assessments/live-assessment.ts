import { z } from "zod";
import { attributeKeys, type AttributeKey } from "@/lib/preferthinker/attributes";

/**
 * An assessment as a page watches it: the server-sent events of
 * POST /api/assessments and GET /api/assessments/:id/events, checked with
 * zod (they cross the network), folded into one state by `applyEvent`.
 * Pure, so the page, its tests and a benchmark share it.
 */

const attribute = z.enum(attributeKeys as [AttributeKey, ...AttributeKey[]]);
const label = z.enum(["A", "B"]);

export const eventDataSchemas = {
  created: z.object({
    assessmentId: z.string(),
    provider: z.enum(["openai-compatible", "baseline"]).optional(),
    model: z.string().optional(),
  }),
  queued: z.object({ position: z.number() }),
  started: z.object({ queueWaitMs: z.number() }),
  delta: z.object({ text: z.string() }),
  "profile-attribute": z.object({
    side: z.enum(["preference", "nonPreference"]),
    profileIndex: z.number(),
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
  issue: z.object({ code: z.string(), message: z.string() }),
  error: z.object({ code: z.string(), message: z.string() }),
  done: z.object({
    status: z.enum(["completed", "failed", "cancelled"]),
    timings: z
      .object({ queueWaitMs: z.number().nullish(), firstTokenMs: z.number().nullable(), totalMs: z.number() })
      .loose(),
  }),
} as const;

export type RunStatus = "idle" | "connecting" | "queued" | "running" | "completed" | "failed" | "cancelled";

export type ScoreCell = { score: number | null; rawScore: string; rationale: string };

export type LiveAssessment = {
  assessmentId: string | null;
  /** Who writes it: a model server, or the built-in baseline (which the page labels as such). */
  provider: "openai-compatible" | "baseline" | null;
  model: string | null;
  status: RunStatus;
  queuePosition: number | null;
  lastEventId: number;
  text: string;
  /** Preference profiles (several for a person with several looks) and the non-preference profile, as they fill in. */
  profiles: {
    preference: Partial<Record<AttributeKey, string>>[];
    nonPreference: Partial<Record<AttributeKey, string>>[];
  };
  scores: Record<"A" | "B", Partial<Record<AttributeKey, ScoreCell>>>;
  totals: Partial<Record<"A" | "B", { stated: number | null; expression: string }>>;
  answer: string | null;
  issues: { code: string; message: string }[];
  error: { code: string; message: string } | null;
  timings: { queueWaitMs: number | null; firstTokenMs: number | null; totalMs: number | null };
  /** Text deltas received, and when the first and latest arrived (client clock): for tokens per second. */
  deltas: { count: number; firstAt: number | null; lastAt: number | null };
};

export const emptyLiveAssessment: LiveAssessment = {
  assessmentId: null,
  provider: null,
  model: null,
  status: "idle",
  queuePosition: null,
  lastEventId: 0,
  text: "",
  profiles: { preference: [], nonPreference: [] },
  scores: { A: {}, B: {} },
  totals: {},
  answer: null,
  issues: [],
  error: null,
  timings: { queueWaitMs: null, firstTokenMs: null, totalMs: null },
  deltas: { count: 0, firstAt: null, lastAt: null },
};

export type IncomingEvent = { id: number; event: string; data: unknown; receivedAt: number };

/** The state after one event. Unknown events and events that fail their schema leave it as it was. */
export function applyEvent(state: LiveAssessment, incoming: IncomingEvent): LiveAssessment {
  // A stored assessment is replayed from its first event: start over.
  const base =
    incoming.id === 1 && state.lastEventId >= 1 ? { ...emptyLiveAssessment, status: "connecting" as const } : state;
  if (incoming.id !== 0 && incoming.id <= base.lastEventId) return state;
  const next = { ...base, lastEventId: incoming.id || base.lastEventId };
  const schema = eventDataSchemas[incoming.event as keyof typeof eventDataSchemas];
  if (!schema) return next;
  const parsed = schema.safeParse(incoming.data);
  if (!parsed.success) return next;
  const data = parsed.data as never;
  switch (incoming.event) {
    case "created": {
      const created = data as z.infer<typeof eventDataSchemas.created>;
      return {
        ...next,
        assessmentId: created.assessmentId,
        provider: created.provider ?? next.provider,
        model: created.model ?? next.model,
        status: next.status === "idle" || next.status === "connecting" ? "connecting" : next.status,
      };
    }
    case "queued":
      return { ...next, status: "queued", queuePosition: (data as z.infer<typeof eventDataSchemas.queued>).position };
    case "started":
      return {
        ...next,
        status: "running",
        queuePosition: null,
        timings: { ...next.timings, queueWaitMs: (data as z.infer<typeof eventDataSchemas.started>).queueWaitMs },
      };
    case "delta": {
      const { text } = data as z.infer<typeof eventDataSchemas.delta>;
      return {
        ...next,
        status:
          next.status === "completed" || next.status === "failed" || next.status === "cancelled"
            ? next.status
            : "running",
        text: next.text + text,
        deltas: {
          count: next.deltas.count + 1,
          firstAt: next.deltas.firstAt ?? incoming.receivedAt,
          lastAt: incoming.receivedAt,
        },
      };
    }
    case "profile-attribute": {
      const {
        side,
        profileIndex,
        attribute: key,
        value,
      } = data as z.infer<(typeof eventDataSchemas)["profile-attribute"]>;
      const list = [...next.profiles[side]];
      while (list.length <= profileIndex) list.push({});
      list[profileIndex] = { ...list[profileIndex], [key]: value };
      return { ...next, profiles: { ...next.profiles, [side]: list } };
    }
    case "score": {
      const { image, attribute: key, score, rawScore, rationale } = data as z.infer<typeof eventDataSchemas.score>;
      return {
        ...next,
        scores: { ...next.scores, [image]: { ...next.scores[image], [key]: { score, rawScore, rationale } } },
      };
    }
    case "total": {
      const { image, stated, expression } = data as z.infer<typeof eventDataSchemas.total>;
      return { ...next, totals: { ...next.totals, [image]: { stated, expression } } };
    }
    case "answer":
      return { ...next, answer: (data as z.infer<typeof eventDataSchemas.answer>).text };
    case "issue":
      return { ...next, issues: [...next.issues, data as z.infer<typeof eventDataSchemas.issue>] };
    case "error":
      return { ...next, error: data as z.infer<typeof eventDataSchemas.error> };
    case "done": {
      const { status, timings } = data as z.infer<typeof eventDataSchemas.done>;
      return {
        ...next,
        status,
        queuePosition: null,
        timings: {
          queueWaitMs: timings.queueWaitMs ?? next.timings.queueWaitMs,
          firstTokenMs: timings.firstTokenMs,
          totalMs: timings.totalMs,
        },
      };
    }
    default:
      return next;
  }
}

/** The sum of a candidate's five scores, or null until all five are numbers. */
export function computedTotal(state: LiveAssessment, image: "A" | "B"): number | null {
  const values = attributeKeys.map((key) => state.scores[image][key]?.score);
  return values.every((value): value is number => typeof value === "number")
    ? values.reduce((sum, value) => sum + value, 0)
    : null;
}

/**
 * Tokens per second as the page shows it: the delta rate for a model server,
 * and null for the built-in baseline, whose text is written from image
 * statistics in one go, so a rate of it would measure nothing.
 */
export function tokensPerSecond(state: LiveAssessment): number | null {
  return state.provider === "baseline" ? null : deltasPerSecond(state);
}

/** Text deltas per second while the text was arriving (a delta is about one token with vLLM), or null. */
export function deltasPerSecond(state: LiveAssessment): number | null {
  const { count, firstAt, lastAt } = state.deltas;
  if (count < 2 || firstAt === null || lastAt === null || lastAt === firstAt) return null;
  return ((count - 1) * 1000) / (lastAt - firstAt);
}
