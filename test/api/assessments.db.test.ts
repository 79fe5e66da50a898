import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { startFakeModelServer, type FakeModelServer } from "@/test/fake-model-server";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson } from "@/test/fixtures/people";
import { makePng } from "@/test/image-samples";
import { readSseEvents } from "@/test/read-sse-events";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-b.txt", "utf8");
let server: FakeModelServer;
let database: Database;
let session: string;
let other: string;
let images: string[] = [];
const dataDir = mkdtempSync(join(tmpdir(), "studio-assessments-"));

const routes = {
  images: () => import("@/app/api/images/route"),
  assessments: () => import("@/app/api/assessments/route"),
  one: () => import("@/app/api/assessments/[id]/route"),
  events: () => import("@/app/api/assessments/[id]/events/route"),
  cancel: () => import("@/app/api/assessments/[id]/cancel/route"),
};

const readEvents = readSseEvents;

const body = (overrides: Record<string, unknown> = {}) => ({
  preferredImageIds: images.slice(0, 2),
  nonPreferredImageIds: images.slice(2, 4),
  candidateImageIds: images.slice(4, 6),
  ...overrides,
});

const start = async (overrides: Record<string, unknown> = {}, token = session) =>
  callRoute(await routes.assessments(), "POST", "/api/assessments", { sessionToken: token, body: body(overrides) });

const stored = async (id: string) =>
  (
    (await (
      await callRoute(await routes.one(), "GET", `/api/assessments/${id}`, { sessionToken: session, params: { id } })
    ).json()) as { assessment: Record<string, unknown> }
  ).assessment;

const waitFor = async <T>(read: () => Promise<T>, isReady: (value: T) => boolean, ms = 5_000): Promise<T> => {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!isReady(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
};

beforeAll(async () => {
  server = await startFakeModelServer({ model: "preferthinker-7b" });
});
setEnvironmentForSuite(() => ({ DATA_DIR: dataDir, MODEL_API_URL: server.url, MODEL_NAME: "preferthinker-7b" }));
beforeAll(async () => {
  database = await openTestDatabase("postgres");
  session = (await signUpPerson("judge@example.com")).sessionToken;
  other = (await signUpPerson("other@example.com")).sessionToken;
  const form = new FormData();
  for (let index = 0; index < 6; index++)
    form.append("files", new Blob([new Uint8Array(await makePng(40 + index, 30))]), `image-${index}.png`);
  const uploaded = await callRoute(await routes.images(), "POST", "/api/images", { sessionToken: session, body: form });
  images = ((await uploaded.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id);
});
afterAll(async () => {
  await database.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("POST /api/assessments", () => {
  it("streams the run as events and stores the whole result", async () => {
    server.queue({ kind: "stream", text: transcript, chunkSize: 9, delayMs: 0 });
    const response = await start();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    const kinds = events.map((event) => event.event);
    expect(kinds[0]).toBe("created");
    expect(kinds).toContain("started");
    expect(kinds.filter((kind) => kind === "profile-attribute")).toHaveLength(10);
    expect(kinds.filter((kind) => kind === "score")).toHaveLength(10);
    expect(kinds.at(-1)).toBe("done");
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
    expect(
      events
        .filter((event) => event.event === "delta")
        .map((event) => event.data.text)
        .join(""),
    ).toBe(transcript);
    expect(events.find((event) => event.event === "answer")!.data.text).toBe("Image B");
    expect(events.at(-1)!.data.status).toBe("completed");

    const id = events[0]!.data.assessmentId as string;
    const assessment = await stored(id);
    expect(assessment).toMatchObject({
      status: "completed",
      output: transcript,
      issueCodes: [],
      model: "preferthinker-7b",
      endpoint: "default",
      templateId: "preferthinker-v1",
    });
    expect((assessment.parsed as { answer: string }).answer).toBe("Image B");
    expect((assessment.usage as { promptTokens: number }).promptTokens).toBe(1200);

    const sent = server.requests.at(-1)!.body as {
      messages: { content: { type: string; image_url?: { url: string } }[] }[];
    };
    const sentImages = sent.messages[1]!.content.filter((part) => part.type === "image_url");
    expect(sentImages).toHaveLength(6);
    expect(sentImages[0]!.image_url!.url).toMatch(/^data:image\/jpeg;base64,/);
  });

  it.each([
    [{ candidateImageIds: [] as string[] }, 400, /candidateImageIds/],
    [{ mode: "leisurely" }, 400, /mode/],
    [{ mode: "single" }, 400, /two candidates \(A and B\), or one in single mode/],
    [{ endpoint: "gpu-9" }, 400, /No model endpoint is called "gpu-9"/],
  ])("refuses %o before any stream", async (overrides, status, message) => {
    const response = await start(overrides);
    expect(response.status).toBe(status);
    expect((await response.json()).error.message).toMatch(message);
  });

  it("treats someone else's images as unknown", async () => {
    const response = await start({}, other);
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toMatch(/not in your library/);
  });
});

describe("following, leaving and cancelling", () => {
  it("keeps running when the client leaves, and can be followed again from Last-Event-ID", async () => {
    server.queue({ kind: "stream", text: transcript, chunkSize: 40, delayMs: 10 });
    const response = await start();
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const id = /"assessmentId":"([^"]+)"/.exec(first)![1]!;
    await reader.cancel();

    const resumed = await callRoute(await routes.events(), "GET", `/api/assessments/${id}/events`, {
      sessionToken: session,
      params: { id },
      headers: { "last-event-id": "1" },
    });
    const events = await readEvents(resumed);
    expect(events[0]!.id).toBe("2");
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
    expect((await stored(id)).output).toBe(transcript);
    expect(server.requests.at(-1)!.closedAt).toBeDefined();
  });

  it("cancels on request: the model server's connection closes within a second, the partial output is kept", async () => {
    server.queue({ kind: "stream", text: transcript, chunkSize: 4, delayMs: 25 });
    const response = await start();
    const reading = readEvents(response);
    const id = await waitFor(
      async () =>
        (await database.prisma.assessment.findFirst({ where: { status: "running" }, select: { id: true } }))?.id,
      (value) => value !== undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const cancelledAt = Date.now();
    const cancel = await callRoute(await routes.cancel(), "POST", `/api/assessments/${id}/cancel`, {
      sessionToken: session,
      params: { id: id! },
    });
    expect(cancel.status).toBe(202);
    const events = await reading;
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "cancelled" } });
    const closed = await waitFor(
      async () => server.requests.at(-1)!.closedAt,
      (value) => value !== undefined,
      1_000,
    );
    expect(closed! - cancelledAt).toBeLessThan(1_000);
    const assessment = await stored(id!);
    expect(assessment.status).toBe("cancelled");
    expect((assessment.output as string).length).toBeGreaterThan(0);
    expect(transcript.startsWith(assessment.output as string)).toBe(true);
    const again = await callRoute(await routes.cancel(), "POST", `/api/assessments/${id}/cancel`, {
      sessionToken: session,
      params: { id: id! },
    });
    expect(again.status).toBe(409);
  });

  it("stores a failed run with its error and the output it had", async () => {
    server.queue({ kind: "error-mid-stream", text: transcript, afterChunks: 6 });
    const events = await readEvents(await start());
    expect(events.find((event) => event.event === "error")!.data.message).toBe(
      "The model server failed while generating: CUDA out of memory while decoding",
    );
    const id = events[0]!.data.assessmentId as string;
    const assessment = await stored(id);
    expect(assessment).toMatchObject({
      status: "failed",
      output: transcript.slice(0, 48),
      error: { code: "bad_gateway" },
    });
  });

  it("answers 429 with Retry-After once a person has two assessments running", async () => {
    server.queue(
      { kind: "stream", text: transcript, chunkSize: 4, delayMs: 20 },
      { kind: "stream", text: transcript, chunkSize: 4, delayMs: 20 },
    );
    // Sent at once: the limit must hold for a burst, not only for requests one after another.
    const responses = await Promise.all([start(), start(), start()]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 429]);
    const refused = responses.find((response) => response.status === 429)!;
    expect(refused.headers.get("retry-after")).toBe("5");
    expect((await refused.json()).error.message).toMatch(/already have 2 assessments/);
    for (const response of responses.filter((candidate) => candidate.status === 200)) {
      expect((await readEvents(response)).at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
    }
  });

  it("lists a person's assessments newest first, and hides them from others", async () => {
    const list = async (token: string) =>
      (
        (await (
          await callRoute(await routes.assessments(), "GET", "/api/assessments", { sessionToken: token })
        ).json()) as { assessments: { id: string; createdAt: string }[] }
      ).assessments;
    const mine = await list(session);
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect([...mine].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((entry) => entry.id)).toEqual(
      mine.map((entry) => entry.id),
    );
    expect(await list(other)).toEqual([]);
    const foreign = await callRoute(await routes.one(), "GET", `/api/assessments/${mine[0]!.id}`, {
      sessionToken: other,
      params: { id: mine[0]!.id },
    });
    expect(foreign.status).toBe(404);
  });
});
