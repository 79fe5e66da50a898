import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAssessmentRequest } from "@/lib/preferthinker/request-builder";
import { preferThinkerV1 } from "@/lib/preferthinker/templates/preferthinker-v1";
import { type FakeModelServer, startFakeModelServer } from "@/test/fake-model-server";
import { ModelServerError } from "./model-server-error";
import { type CompletionEvent, streamCompletion } from "./openai-compatible-stream";

const transcript = readFileSync("lib/preferthinker/__fixtures__/clean-b.txt", "utf8");
const image = (name: string) => ({ url: `https://images.example/${name}.png` });
const request = buildAssessmentRequest({
  model: "preferthinker-7b",
  template: preferThinkerV1,
  preferred: [image("p1"), image("p2")],
  nonPreferred: [image("n1")],
  candidates: [image("a"), image("b")],
});

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer();
});
afterAll(() => server.close());

/** Runs a stream to its end; returns what arrived and how it ended. */
async function run(options: Parameters<typeof streamCompletion>[2] = {}) {
  const events: CompletionEvent[] = [];
  try {
    for await (const event of streamCompletion({ apiUrl: server.url }, request, {
      retry: { baseDelayMs: 10 },
      ...options,
    }))
      events.push(event);
    return { events, text: events.map((event) => (event.type === "delta" ? event.text : "")).join(""), error: null };
  } catch (error) {
    expect(error).toBeInstanceOf(ModelServerError);
    return {
      events,
      text: events.map((event) => (event.type === "delta" ? event.text : "")).join(""),
      error: error as ModelServerError,
    };
  }
}

const waitFor = async (condition: () => boolean, ms = 2_000) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return condition();
};

describe("streaming a completion from an OpenAI-compatible server", () => {
  it("relays the whole output, the finish and the token usage", async () => {
    server.queue({ kind: "stream", text: transcript, chunkSize: 7, delayMs: 0 });
    const { text, events, error } = await run();
    expect(error).toBeNull();
    expect(text).toBe(transcript);
    expect(events).toContainEqual({ type: "finish", reason: "stop" });
    expect(events.at(-1)).toEqual({
      type: "usage",
      promptTokens: 1200,
      completionTokens: Math.ceil(transcript.length / 7),
    });
  });

  it("sends the request as built: messages in order, every image, the official settings, streaming with usage", async () => {
    server.queue({ kind: "stream", text: "<answer>Image B</answer>" });
    await run();
    const sent = server.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] } & Record<
      string,
      unknown
    >;
    expect(sent).toMatchObject({
      model: "preferthinker-7b",
      temperature: 0,
      repetition_penalty: 1.15,
      max_tokens: 4096,
      stream: true,
      stream_options: { include_usage: true },
      chat_template_kwargs: { add_vision_id: true },
    });
    expect(sent.messages.map((message) => message.role)).toEqual(["system", "user"]);
    const parts = sent.messages[1]!.content as { type: string; image_url?: { url: string } }[];
    expect(
      parts.filter((part) => part.type === "image_url").map((part) => part.image_url!.url.split("/").pop()),
    ).toEqual(["p1.png", "p2.png", "n1.png", "a.png", "b.png"]);
  });

  it("gives up at once on a 400 before the stream, in the server's words", async () => {
    const before = server.requests.length;
    server.queue({
      kind: "status",
      status: 400,
      body: {
        object: "error",
        message: "At most 12 image(s) may be provided in one prompt.",
        error: { message: "At most 12 image(s) may be provided in one prompt." },
      },
    });
    const { error } = await run();
    expect(error?.code).toBe("bad_request");
    expect(error?.message).toBe(
      "The model server refused the request (HTTP 400): At most 12 image(s) may be provided in one prompt.",
    );
    expect(server.requests.length - before).toBe(1);
  });

  it("retries 429 and 500 before the first token, then streams", async () => {
    const before = server.requests.length;
    server.queue(
      { kind: "status", status: 429, body: { error: { message: "busy" } }, headers: { "retry-after": "0" } },
      { kind: "status", status: 500, body: "oops" },
      { kind: "stream", text: "<answer>Image A</answer>" },
    );
    const { text, error } = await run();
    expect(error).toBeNull();
    expect(text).toBe("<answer>Image A</answer>");
    expect(server.requests.length - before).toBe(3);
  });

  it("stops retrying after the last attempt", async () => {
    server.queue(
      ...Array.from({ length: 3 }, () => ({
        kind: "status" as const,
        status: 503,
        body: { error: { message: "loading model" } },
      })),
    );
    const { error } = await run();
    expect(error?.code).toBe("bad_gateway");
    expect(error?.message).toBe("The model server failed (HTTP 503): loading model");
  });

  it("reports an error object sent mid-stream under HTTP 200, keeping what came before", async () => {
    server.queue({ kind: "error-mid-stream", text: transcript, afterChunks: 5 });
    const { text, error } = await run();
    expect(text).toBe(transcript.slice(0, 40));
    expect(error?.message).toBe("The model server failed while generating: CUDA out of memory while decoding");
  });

  it("reports a connection dropped mid-stream", async () => {
    server.queue({ kind: "drop-mid-stream", text: transcript, afterChunks: 3 });
    const { text, error } = await run();
    expect(text).toBe(transcript.slice(0, 24));
    expect(error?.code).toBe("bad_gateway");
  });

  it("gives up on a stall past the idle timeout and closes the connection", async () => {
    server.queue({ kind: "stall", text: transcript, afterChunks: 2 });
    const { text, error } = await run({ timeouts: { idleMs: 200 } });
    expect(text).toBe(transcript.slice(0, 16));
    expect(error?.message).toBe("The model server stopped sending for 0.2 s.");
    expect(await waitFor(() => server.requests.at(-1)!.closedAt !== undefined, 1_000)).toBe(true);
  });

  it("waits for a slow first token within its limit, and not past it", async () => {
    server.queue({ kind: "stream", text: "<answer>Image A</answer>", firstTokenDelayMs: 300 });
    expect((await run({ timeouts: { firstTokenMs: 2_000, idleMs: 100 } })).error).toBeNull();
    server.queue({ kind: "stream", text: "<answer>Image A</answer>", firstTokenDelayMs: 1_000 });
    const { error } = await run({ timeouts: { firstTokenMs: 200 } });
    expect(error?.message).toBe("The model server sent no token within 0.2 s.");
  });

  it("reports a line that is not JSON", async () => {
    server.queue({ kind: "garbage-line", text: transcript, afterChunks: 1 });
    const { error } = await run();
    expect(error?.message).toMatch(/^The model server sent a line that is not JSON: \{this is not json/);
  });

  it("closes the upstream connection within a second when the caller cancels", async () => {
    server.queue({ kind: "stream", text: transcript, chunkSize: 4, delayMs: 20 });
    const controller = new AbortController();
    const events: CompletionEvent[] = [];
    const running = (async () => {
      for await (const event of streamCompletion({ apiUrl: server.url }, request, { signal: controller.signal })) {
        events.push(event);
        if (events.length === 3) controller.abort();
      }
    })();
    await expect(running).rejects.toThrowError("The assessment was cancelled.");
    const cancelledAt = Date.now();
    expect(await waitFor(() => server.requests.at(-1)!.closedAt !== undefined, 1_000)).toBe(true);
    expect(server.requests.at(-1)!.closedAt! - cancelledAt).toBeLessThan(1_000);
  });

  it("says so when nothing listens at the endpoint", async () => {
    const { error } = await (async () => {
      try {
        for await (const event of streamCompletion({ apiUrl: "http://127.0.0.1:9/v1" }, request, {
          retry: { attempts: 2, baseDelayMs: 5 },
        }))
          void event;
        return { error: null };
      } catch (error) {
        return { error: error as ModelServerError };
      }
    })();
    expect(error?.code).toBe("unavailable");
    expect(error?.message).toMatch(/^Cannot reach the model server/);
  });
});
