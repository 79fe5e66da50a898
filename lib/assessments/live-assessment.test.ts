import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AssessmentStreamParser } from "@/lib/preferthinker/stream-parser";
import {
  applyEvent,
  computedTotal,
  deltasPerSecond,
  emptyLiveAssessment,
  type IncomingEvent,
  type LiveAssessment,
  tokensPerSecond,
} from "./live-assessment";

const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-b.txt", "utf8");

/** The events the server sends for a transcript, as the gateway relays them. */
function eventsFor(text: string, chunk = 7): IncomingEvent[] {
  const events: { event: string; data: unknown }[] = [
    {
      event: "created",
      data: { assessmentId: "a1", provider: "openai-compatible", endpoint: "default", model: "preferthinker" },
    },
    { event: "queued", data: { position: 2 } },
    { event: "started", data: { queueWaitMs: 40 } },
  ];
  const parser = new AssessmentStreamParser("reasoning");
  const relay = (parsed: ReturnType<AssessmentStreamParser["feed"]>) => {
    for (const event of parsed) {
      if (event.type === "text") events.push({ event: "delta", data: { text: event.delta } });
      else {
        const { type, ...data } = event;
        events.push({ event: type, data });
      }
    }
  };
  for (let start = 0; start < text.length; start += chunk) relay(parser.feed(text.slice(start, start + chunk)));
  const ended = parser.end();
  relay(ended.events);
  for (const issue of ended.assessment.issues) events.push({ event: "issue", data: issue });
  events.push({
    event: "done",
    data: { status: "completed", timings: { queueWaitMs: 40, firstTokenMs: 90, totalMs: 900 } },
  });
  return events.map((event, index) => ({ ...event, id: index + 1, receivedAt: 1000 + index * 10 }));
}

const fold = (events: IncomingEvent[], from: LiveAssessment = emptyLiveAssessment) => events.reduce(applyEvent, from);

describe("applyEvent", () => {
  it("builds profiles, scores, totals and the answer as the events arrive", () => {
    const events = eventsFor(transcript);
    const state = fold(events);
    expect(state).toMatchObject({
      assessmentId: "a1",
      status: "completed",
      answer: "Image B",
      text: transcript,
      issues: [],
    });
    expect(state.profiles.preference[0]!.Color).toBe("Warm golden and amber tones with soft greens");
    expect(state.profiles.nonPreference[0]!["Art Styles"]).toBe(
      "Flat vector illustration and clean corporate graphics",
    );
    expect(state.scores.A["Color"]).toMatchObject({ score: 1 });
    expect(computedTotal(state, "A")).toBe(11);
    expect(state.totals.B!.stated).toBe(22);
    expect(state.timings).toEqual({ queueWaitMs: 40, firstTokenMs: 90, totalMs: 900 });
    expect(deltasPerSecond(state)).toBeGreaterThan(0);
  });

  it("gives a model server's run a token rate, and the baseline's none", () => {
    const withProvider = (provider: "openai-compatible" | "baseline") =>
      fold(
        eventsFor(transcript).map((event) =>
          event.event === "created"
            ? { ...event, data: { assessmentId: "a1", provider, endpoint: "default", model: "preferthinker" } }
            : event,
        ),
      );
    expect(tokensPerSecond(withProvider("openai-compatible"))).toBeGreaterThan(0);
    expect(tokensPerSecond(withProvider("baseline"))).toBeNull();
  });

  it("shows the queue position while waiting, and drops it once started", () => {
    const events = eventsFor(transcript);
    expect(fold(events.slice(0, 2))).toMatchObject({ status: "queued", queuePosition: 2 });
    expect(fold(events.slice(0, 3))).toMatchObject({ status: "running", queuePosition: null });
  });

  it("ignores an event it has seen (a reconnect overlapping), and starts over when a stored run is replayed from its first event", () => {
    const events = eventsFor(transcript);
    const half = fold(events.slice(0, 40));
    expect(fold(events.slice(30, 45), half).text).toBe(fold(events.slice(0, 45)).text);
    expect(fold(events, half).text).toBe(transcript);
  });

  it("keeps the error and the partial text of a failed run", () => {
    const events = eventsFor(transcript).slice(0, 20);
    const failed = fold([
      ...events,
      {
        id: 21,
        event: "error",
        data: { code: "bad_gateway", message: "The model server failed while generating: CUDA out of memory" },
        receivedAt: 2000,
      },
      {
        id: 22,
        event: "done",
        data: { status: "failed", timings: { firstTokenMs: 90, totalMs: 400 } },
        receivedAt: 2001,
      },
    ]);
    expect(failed.status).toBe("failed");
    expect(failed.error!.message).toMatch(/CUDA out of memory/);
    expect(failed.text.length).toBeGreaterThan(0);
    expect(computedTotal(failed, "A")).toBeNull();
  });

  it("leaves the state alone for an event whose data does not fit its kind", () => {
    const state = fold(eventsFor(transcript).slice(0, 3));
    const after = applyEvent(state, {
      id: 4,
      event: "score",
      data: { image: "C", attribute: "Color", score: 9 },
      receivedAt: 0,
    });
    expect(after.scores).toEqual(state.scores);
    expect(after.lastEventId).toBe(4);
  });
});
