import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { type Scenario, startFakeModelServer, type FakeModelServer } from "@/test/fake-model-server";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { signUpPerson } from "@/test/fixtures/people";
import { makeJpeg } from "@/test/image-samples";
import { readSseEvents, type SseEvent } from "@/test/read-sse-events";
import { callRoute } from "@/test/route-harness";
import { openTestDatabase } from "@/test/test-databases";

/**
 * The model server misbehaving in each way a real one does, seen from the API:
 * the person gets an error event that says what happened, the output that
 * arrived is kept, the assessment is stored as failed, and the next one runs.
 * One request runs at a time and one may wait (set before the config is read).
 */

const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-b.txt", "utf8");
/** Six chunks of the fake server's faulty scenarios (8 characters each): what arrives before the fault. */
const prefix = transcript.slice(0, 48);
const dataDir = mkdtempSync(join(tmpdir(), "studio-assessment-faults-"));
const environment: Record<string, string> = {
  DATA_DIR: dataDir,
  MODEL_NAME: "preferthinker-7b",
  MODEL_IDLE_TIMEOUT: "0.5",
  MODEL_FIRST_TOKEN_TIMEOUT: "0.8",
  MODEL_MAX_IN_FLIGHT: "1",
  MODEL_MAX_QUEUED: "1",
  ASSESSMENTS_PER_USER: "10",
  MODEL_IMAGE_LONG_SIDE: "64",
};
let server: FakeModelServer;
let database: Database;
type Person = { token: string; images: string[] };
let judge: Person;
let other: Person;

const routes = {
  images: () => import("@/app/api/images/route"),
  assessments: () => import("@/app/api/assessments/route"),
  one: () => import("@/app/api/assessments/[id]/route"),
};

/** Signs a person up and uploads six 320 x 240 JPEGs, each a different shade of red. */
async function makePerson(email: string, firstSeed: number): Promise<Person> {
  const token = (await signUpPerson(email)).sessionToken;
  const form = new FormData();
  for (let index = 0; index < 6; index++)
    form.append(
      "files",
      new Blob([new Uint8Array(await makeJpeg(320, 240, { seed: firstSeed + 40 * index }))]),
      `image-${index}.jpg`,
    );
  const uploaded = await callRoute(await routes.images(), "POST", "/api/images", { sessionToken: token, body: form });
  return {
    token,
    images: ((await uploaded.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id),
  };
}

const start = async (person = judge) =>
  callRoute(await routes.assessments(), "POST", "/api/assessments", {
    sessionToken: person.token,
    body: {
      preferredImageIds: person.images.slice(0, 2),
      nonPreferredImageIds: person.images.slice(2, 4),
      candidateImageIds: person.images.slice(4, 6),
    },
  });

const stored = async (id: string) =>
  (
    (await (
      await callRoute(await routes.one(), "GET", `/api/assessments/${id}`, {
        sessionToken: judge.token,
        params: { id },
      })
    ).json()) as { assessment: Record<string, unknown> }
  ).assessment;

const eventOf = (events: SseEvent[], kind: string) => events.find((event) => event.event === kind);
const deltasOf = (events: SseEvent[]) =>
  events
    .filter((event) => event.event === "delta")
    .map((event) => event.data.text)
    .join("");

async function waitFor<T>(read: () => T, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (!read() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return read();
}

beforeAll(async () => {
  server = await startFakeModelServer({ model: "preferthinker-7b" });
});
setEnvironmentForSuite(() => ({ ...environment, MODEL_API_URL: server.url }));
beforeAll(async () => {
  database = await openTestDatabase("postgres");
  judge = await makePerson("judge@example.com", 0);
  other = await makePerson("other@example.com", 20);
});
afterAll(async () => {
  await database.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const status = (code: number, message: string, headers?: Record<string, string>): Scenario => ({
  kind: "status",
  status: code,
  body: { error: { message } },
  headers,
});

describe("faults of the model server", () => {
  it.each<[string, Scenario[], number, string, string]>([
    [
      "a 400 before the stream (too many images)",
      // SGLang and vLLM before 0.10 answer with the error's fields at the top level.
      [
        {
          kind: "status",
          status: 400,
          body: {
            object: "error",
            message: "At most 4 image(s) may be provided in one request.",
            type: "BadRequestError",
            param: null,
            code: 400,
          },
        },
      ],
      1,
      "The model server refused the request (HTTP 400): At most 4 image(s) may be provided in one request.",
      "",
    ],
    [
      "a 500 on every try",
      [1, 2, 3].map(() => status(500, "engine is dead")),
      3,
      "The model server failed (HTTP 500): engine is dead",
      "",
    ],
    [
      "an error object mid-stream",
      [{ kind: "error-mid-stream", text: transcript, afterChunks: 6 }],
      1,
      "The model server failed while generating: CUDA out of memory while decoding",
      prefix,
    ],
    [
      "a dropped connection mid-stream",
      [{ kind: "drop-mid-stream", text: transcript, afterChunks: 6 }],
      1,
      "The connection to the model server broke: terminated",
      prefix,
    ],
    [
      "a stall past the idle timeout",
      [{ kind: "stall", text: transcript, afterChunks: 6 }],
      1,
      "The model server stopped sending for 0.5 s.",
      prefix,
    ],
    [
      "a first token slower than its timeout",
      [{ kind: "stream", text: transcript, firstTokenDelayMs: 3_000 }],
      1,
      "The model server sent no token within 0.8 s.",
      "",
    ],
    [
      "an unparseable line",
      [{ kind: "garbage-line", text: transcript, afterChunks: 6 }],
      1,
      "The model server sent a line that is not JSON: {this is not json",
      prefix,
    ],
  ])(
    "%s: a clear error, the output that arrived kept, failed, and the next assessment runs",
    async (_, scenarios, requests, message, output) => {
      const before = server.requests.length;
      server.queue(...scenarios);
      const response = await start();
      expect(response.status).toBe(200);
      const events = await readSseEvents(response);
      expect(eventOf(events, "error")!.data.message).toBe(message);
      expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "failed" } });
      expect(deltasOf(events)).toBe(output);
      expect(server.requests.length - before).toBe(requests);

      const assessment = await stored(events[0]!.data.assessmentId as string);
      expect(assessment).toMatchObject({ status: "failed", output, error: { message } });
      // Whatever the fault, the model server's connection is closed, so it stops generating.
      expect(await waitFor(() => server.requests.at(-1)!.closedAt)).toBeDefined();

      const next = await readSseEvents(await start());
      expect(next.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
      expect(deltasOf(next)).toBe("<answer>Image A</answer>");
    },
  );

  it.each<[string, Scenario, number]>([
    ["429 with Retry-After: 1", status(429, "too many requests", { "retry-after": "1" }), 1_000],
    ["500 (backoff of half a second)", status(500, "warming up"), 500],
  ])("retries a %s before the first token, then completes", async (_, refusal, pauseMs) => {
    const before = server.requests.length;
    server.queue(refusal, { kind: "stream", text: transcript, chunkSize: 64 });
    const events = await readSseEvents(await start());
    expect(eventOf(events, "error")).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
    const [refused, retried] = server.requests.slice(before);
    expect(server.requests.length - before).toBe(2);
    // A lower bound only: a busy machine can make the pause longer, never shorter.
    expect(retried!.receivedAt - refused!.receivedAt).toBeGreaterThanOrEqual(pauseMs - 50);
    expect(await stored(events[0]!.data.assessmentId as string)).toMatchObject({
      status: "completed",
      output: transcript,
      error: null,
    });
  });
});

describe("what the model server receives", () => {
  it("a system then a user message, six images as JPEG data URLs within MODEL_IMAGE_LONG_SIDE in their order, the official settings", async () => {
    await readSseEvents(await start());
    const sent = server.requests.at(-1)!.body as {
      messages: { role: string; content: string | { type: string; image_url?: { url: string } }[] }[];
    };
    expect(sent).toMatchObject({
      model: "preferthinker-7b",
      temperature: 0,
      repetition_penalty: 1.15,
      max_tokens: 4096,
      chat_template_kwargs: { add_vision_id: true },
      stream: true,
    });
    expect(sent.messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(typeof sent.messages[0]!.content).toBe("string");
    const urls = (sent.messages[1]!.content as { type: string; image_url?: { url: string } }[])
      .filter((part) => part.type === "image_url")
      .map((part) => part.image_url!.url);
    expect(urls).toHaveLength(6);
    const pictures = await Promise.all(
      urls.map(async (url) => {
        expect(url).toMatch(/^data:image\/jpeg;base64,/);
        const bytes = Buffer.from(url.slice(url.indexOf(",") + 1), "base64");
        const [{ format, width, height }, { channels }] = await Promise.all([
          sharp(bytes).metadata(),
          sharp(bytes).stats(),
        ]);
        return { format, width, height, shade: Math.round(channels[0]!.mean / 40) };
      }),
    );
    // 320 x 240 uploads, sent at most 64 pixels on the long side; preferred, non-preferred, then candidates.
    expect(pictures).toEqual([0, 1, 2, 3, 4, 5].map((shade) => ({ format: "jpeg", width: 64, height: 48, shade })));
  });
});

describe("admission with one request running and one waiting", () => {
  it("puts a second assessment in line at position 1 and refuses a third with 429 before any stream", async () => {
    server.queue(
      { kind: "stream", text: transcript, chunkSize: 16, delayMs: 25 },
      { kind: "stream", text: transcript, chunkSize: 64 },
    );
    const first = await start();
    const second = await start();
    const third = await start(other);
    expect(third.status).toBe(429);
    expect(third.headers.get("content-type")).toMatch(/^application\/json/);
    expect(third.headers.get("retry-after")).toBe("10");
    expect((await third.json()).error.message).toBe("The model server's queue is full. Try again shortly.");

    const [running, waiting] = await Promise.all([readSseEvents(first), readSseEvents(second)]);
    expect(eventOf(running, "queued")).toBeUndefined();
    expect(waiting.slice(0, 3).map((event) => [event.event, event.data.position])).toEqual([
      ["created", undefined],
      ["queued", 1],
      ["started", undefined],
    ]);
    for (const events of [running, waiting])
      expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });

    const after = await start(other);
    expect(after.status).toBe(200);
    expect((await readSseEvents(after)).at(-1)).toMatchObject({ event: "done", data: { status: "completed" } });
  });
});
