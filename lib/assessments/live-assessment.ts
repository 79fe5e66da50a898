import { attributeKeys, type AttributeKey } from "@/lib/preferthinker/attributes";
import { parseAssessmentEvent } from "./assessment-events-contract";

/**
 * An assessment as a page watches it: the server-sent events of
 * POST /api/assessments and GET /api/assessments/:id/events, checked with
 * the contract's schemas (they cross the network), folded into one state by
 * `applyEvent`.
 * Pure, so the page, its tests and a benchmark share it.
 */

export type RunStatus = "idle" | "connecting" | "queued" | "running" | "completed" | "failed" | "cancelled";

export type ScoreCell = { score: number | null; rawScore: string; rationale: string };

export type LiveAssessment = {
  assessmentId: string | null;
  /** Who writes it: a model server, or the built-in baseline (which the page labels as such). */
  provider: string | null;
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
  const parsed = parseAssessmentEvent(incoming.event, incoming.data);
  if (!parsed) return next;
  switch (parsed.event) {
    case "created": {
      const { assessmentId, provider, model } = parsed.data;
      return {
        ...next,
        assessmentId,
        provider,
        model,
        status: next.status === "idle" || next.status === "connecting" ? "connecting" : next.status,
      };
    }
    case "queued":
      return { ...next, status: "queued", queuePosition: parsed.data.position };
    case "started":
      return {
        ...next,
        status: "running",
        queuePosition: null,
        timings: { ...next.timings, queueWaitMs: parsed.data.queueWaitMs },
      };
    case "delta":
      return {
        ...next,
        status: hasEnded(next.status) ? next.status : "running",
        text: next.text + parsed.data.text,
        deltas: {
          count: next.deltas.count + 1,
          firstAt: next.deltas.firstAt ?? incoming.receivedAt,
          lastAt: incoming.receivedAt,
        },
      };
    case "profile-attribute": {
      const { side, profileIndex, attribute: key, value } = parsed.data;
      const list = [...next.profiles[side]];
      while (list.length <= profileIndex) list.push({});
      list[profileIndex] = { ...list[profileIndex], [key]: value };
      return { ...next, profiles: { ...next.profiles, [side]: list } };
    }
    case "score": {
      const { image, attribute: key, score, rawScore, rationale } = parsed.data;
      return {
        ...next,
        scores: { ...next.scores, [image]: { ...next.scores[image], [key]: { score, rawScore, rationale } } },
      };
    }
    case "total": {
      const { image, stated, expression } = parsed.data;
      return { ...next, totals: { ...next.totals, [image]: { stated, expression } } };
    }
    case "answer":
      return { ...next, answer: parsed.data.text };
    case "issue":
      return { ...next, issues: [...next.issues, parsed.data] };
    case "error":
      return { ...next, error: parsed.data };
    case "done": {
      const { status, timings } = parsed.data;
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
    case "block-start":
    case "block-end":
      return next;
  }
}

/** Whether a run is over: nothing more will arrive for it. */
export function hasEnded(status: RunStatus): status is "completed" | "failed" | "cancelled" {
  return status === "completed" || status === "failed" || status === "cancelled";
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
