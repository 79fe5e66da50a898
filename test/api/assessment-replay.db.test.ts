import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessmentEventSchemas, parseAssessmentEvent } from "@/lib/assessments/assessment-events-contract";
import {
  createAssessment,
  failInterruptedAssessments,
  markAssessmentRunning,
  saveAssessmentOutput,
} from "@/lib/db/assessments";
import { type Database, openDatabase } from "@/lib/db/open-database";
import { readFixture } from "@/lib/preferthinker/__fixtures__/fixtures";
import { readSseEvents, type SseEvent } from "@/test/read-sse-events";
import { callRoute, useTestDatabase } from "@/test/route-harness";
import { seedAssessment, signUp } from "@/test/seed-assessments";
import { createTestDatabase } from "@/test/test-databases";

/**
 * Stored assessments replayed through GET /api/assessments/:id/events: every
 * event passes the contract the page parses with, and each ends with a `done`
 * the page accepts, an assessment that a restart interrupted included.
 */

const eventsRoute = () => import("@/app/api/assessments/[id]/events/route");

let database: Database;
let owner: { id: string; token: string };

/** A recorded reasoning output cut off in its think block: both profiles written, the scores not all yet. */
const recorded = readFixture("clean-a");
const partialOutput = recorded.slice(0, recorded.indexOf("3. ", recorded.indexOf("<think>")));

async function replay(id: string): Promise<SseEvent[]> {
  const response = await callRoute(await eventsRoute(), "GET", `/api/assessments/${id}/events`, {
    sessionToken: owner.token,
    params: { id },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  return readSseEvents(response);
}

/** The events the page would drop: names it does not know, or data its schema refuses. */
const refusedByThePage = (events: SseEvent[]) =>
  events.filter((event) => parseAssessmentEvent(event.event ?? "message", event.data) === null);

beforeAll(async () => {
  const target = await createTestDatabase("embedded");
  database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
  useTestDatabase(database);
  owner = await signUp("replay@example.com");
});
afterAll(async () => {
  await database.close();
});

describe("a stored assessment replayed", () => {
  it("ends an assessment a restart interrupted with a schema-valid done: failed, with its reason", async () => {
    const { id } = await createAssessment(database, {
      id: randomUUID(),
      ownerId: owner.id,
      mode: "reasoning",
      preferredImageIds: [randomUUID()],
      nonPreferredImageIds: [randomUUID()],
      candidateImageIds: [randomUUID(), randomUUID()],
      provider: "openai-compatible",
      endpoint: "default",
      model: "preferthinker-7b",
      templateId: "preferthinker-v1",
      settings: {},
    });
    await markAssessmentRunning(database, id, 12);
    await saveAssessmentOutput(database, id, partialOutput, 30);
    // What the next start does with runs the last stop cut off.
    expect(await failInterruptedAssessments(database)).toBe(1);

    const events = await replay(id);
    expect(refusedByThePage(events)).toEqual([]);
    const done = events.at(-1)!;
    expect(done.event).toBe("done");
    expect(assessmentEventSchemas.done.parse(done.data)).toMatchObject({
      status: "failed",
      timings: { queueWaitMs: 12, totalMs: null },
    });
    expect(events.find((event) => event.event === "error")?.data).toEqual({
      code: "unavailable",
      message: "The server stopped while this assessment ran; what it had written is kept.",
    });
    // What the model wrote before the stop comes back, its profile read from it.
    expect(events.map((event) => (event.event === "delta" ? event.data.text : "")).join("")).toBe(partialOutput);
    expect(events.filter((event) => event.event === "profile-attribute")).toHaveLength(10);
    expect(events.some((event) => event.event === "answer")).toBe(false);
    // Numbered from 1 without gaps, so a reconnect with Last-Event-ID picks up where it left.
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
  });

  it.each(["completed", "failed", "cancelled"] as const)(
    "ends a %s assessment with a done of that status that the page accepts",
    async (status) => {
      const id = await seedAssessment(database, owner.id, {
        status,
        answer: status === "completed" ? "Image B" : null,
      });
      const events = await replay(id);
      expect(refusedByThePage(events)).toEqual([]);
      expect(events.at(-1)).toMatchObject({ event: "done", data: { status } });
      if (status === "completed")
        expect(events.find((event) => event.event === "answer")?.data).toEqual({ text: "Image B" });
      else expect(events.some((event) => event.event === "error")).toBe(true);
    },
  );
});
