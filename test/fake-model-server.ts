import { createHash } from "node:crypto";
import pLimit from "p-limit";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { findFreePort } from "./postgres-server";

/**
 * An OpenAI-compatible model server for tests: it replays a transcript in
 * vLLM's streaming chunk format with a pause between chunks, records every
 * request it gets and when each connection closed, and can misbehave in each
 * way a real server does. Test code only.
 */

export type Scenario =
  | { kind: "stream"; text: string; chunkSize?: number; delayMs?: number; firstTokenDelayMs?: number; usage?: boolean }
  | { kind: "status"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "error-mid-stream"; text: string; afterChunks: number }
  | { kind: "drop-mid-stream"; text: string; afterChunks: number }
  | { kind: "stall"; text: string; afterChunks: number }
  | { kind: "garbage-line"; text: string; afterChunks: number };

export type RecordedRequest = {
  body: Record<string, unknown>;
  receivedAt: number;
  closedAt?: number;
  /** With `prefillMsPerNewImage`: how many of its pictures this server had not seen. */
  prefilledImages?: number;
};

export type FakeModelServer = {
  url: string;
  requests: RecordedRequest[];
  /** How many times `GET /v1/models` was asked (health probes). */
  modelListRequests(): number;
  /** The most chat requests that were open at once since the server started. */
  mostAtOnce(): number;
  /** Scenarios for the next requests, in order; when none is left, the default one plays. */
  queue(...scenarios: Scenario[]): void;
  close(): Promise<void>;
};

const chunkOf = (model: string, content: string | null, finish: string | null) =>
  JSON.stringify({
    id: "chatcmpl-test",
    object: "chat.completion.chunk",
    created: 0,
    model,
    choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }],
  });

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let start = 0; start < text.length; start += size) out.push(text.slice(start, start + size));
  return out;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function play(
  scenario: Scenario,
  model: string,
  response: ServerResponse,
  isClosed: () => boolean,
): Promise<void> {
  if (scenario.kind === "status") {
    response.writeHead(scenario.status, { "content-type": "application/json", ...scenario.headers });
    response.end(JSON.stringify(scenario.body));
    return;
  }
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  response.flushHeaders();
  const send = (data: string) => !isClosed() && response.write(`data: ${data}\n\n`);
  const chunks = pieces(scenario.text, scenario.kind === "stream" ? (scenario.chunkSize ?? 8) : 8);
  const stopAt = scenario.kind === "stream" ? chunks.length : scenario.afterChunks;
  if (scenario.kind === "stream" && scenario.firstTokenDelayMs) await wait(scenario.firstTokenDelayMs);
  for (const [index, chunk] of chunks.slice(0, stopAt).entries()) {
    if (isClosed()) return;
    send(chunkOf(model, chunk, null));
    if (scenario.kind === "stream" && scenario.delayMs && index < chunks.length - 1) await wait(scenario.delayMs);
  }
  switch (scenario.kind) {
    case "stream":
      send(chunkOf(model, null, "stop"));
      if (scenario.usage !== false)
        send(
          JSON.stringify({
            id: "chatcmpl-test",
            object: "chat.completion.chunk",
            choices: [],
            usage: { prompt_tokens: 1200, completion_tokens: chunks.length, total_tokens: 1200 + chunks.length },
          }),
        );
      send("[DONE]");
      response.end();
      return;
    case "error-mid-stream":
      send(
        JSON.stringify({
          object: "error",
          message: "CUDA out of memory while decoding",
          type: "InternalServerError",
          code: 500,
          error: { message: "CUDA out of memory while decoding" },
        }),
      );
      response.end();
      return;
    case "drop-mid-stream":
      // Let what was written reach the client, then cut the connection without ending the stream.
      await wait(50);
      response.socket?.destroy();
      return;
    case "garbage-line":
      if (!isClosed()) response.write("data: {this is not json\n\n");
      await wait(50);
      response.end();
      return;
    case "stall":
      // Says nothing more until the client gives up and closes the connection.
      await new Promise<void>((resolve) => response.on("close", () => resolve()));
      return;
  }
}

export async function startFakeModelServer(
  options: {
    model?: string;
    defaultScenario?: Scenario;
    /** A port to listen on (to stand for a replica that comes back); a free one otherwise. */
    port?: number;
    /** As a GPU's batch: at most this many requests are answered at once, the others wait their turn. */
    capacity?: number;
    /**
     * As a prefix cache: each picture this server has not seen before costs
     * this long before the first token (its prefill); one it has seen, nothing.
     */
    prefillMsPerNewImage?: number;
    /** Keep only the last request's body (a run of 100,000 samples would otherwise keep every picture it was sent). */
    keepLastBodyOnly?: boolean;
  } = {},
): Promise<FakeModelServer> {
  const model = options.model ?? "preferthinker-7b";
  const requests: RecordedRequest[] = [];
  const batch = pLimit(options.capacity ?? Number.POSITIVE_INFINITY);
  const seenImages = new Set<string>();
  const scenarios: Scenario[] = [];
  let modelLists = 0;
  let open = 0;
  let mostAtOnce = 0;
  const fallback: Scenario = options.defaultScenario ?? {
    kind: "stream",
    text: "<answer>Image A</answer>",
    chunkSize: 4,
    delayMs: 1,
  };

  const server: Server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === "GET" && request.url === "/v1/models") {
      modelLists++;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ object: "list", data: [{ id: model, object: "model", owned_by: "test" }] }));
      return;
    }
    if (request.method !== "POST" || request.url !== "/v1/chat/completions") {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: `no route ${request.method} ${request.url}` } }));
      return;
    }
    let raw = "";
    for await (const chunk of request) raw += chunk;
    const recorded: RecordedRequest = { body: JSON.parse(raw) as Record<string, unknown>, receivedAt: Date.now() };
    if (options.keepLastBodyOnly && requests.length > 0) requests.at(-1)!.body = {};
    requests.push(recorded);
    mostAtOnce = Math.max(mostAtOnce, ++open);
    let closed = false;
    response.on("close", () => {
      closed = true;
      open--;
      recorded.closedAt = Date.now();
    });
    const scenario = scenarios.shift() ?? fallback;
    await batch(async () => {
      if (options.prefillMsPerNewImage) {
        const pictures = raw.match(/data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g) ?? [];
        const unseen = pictures
          .map((url) => createHash("sha256").update(url).digest("hex"))
          .filter((key) => !seenImages.has(key));
        for (const key of unseen) seenImages.add(key);
        recorded.prefilledImages = unseen.length;
        await wait(unseen.length * options.prefillMsPerNewImage);
      }
      await play(scenario, model, response, () => closed);
    });
  });
  const port = options.port ?? (await findFreePort());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    modelListRequests: () => modelLists,
    mostAtOnce: () => mostAtOnce,
    queue: (...next) => scenarios.push(...next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
