import "server-only";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { z } from "zod";
import type { ChatCompletionRequest } from "@/lib/preferthinker/request-builder";
import { ModelServerError } from "./model-server-error";

/**
 * Streams one chat completion from an OpenAI-compatible server (vLLM,
 * SGLang): retries before the first token only, on connection errors, 429
 * and 5xx; watches four clocks (connect, first token, idle between chunks,
 * total); reads every `data:` line, because vLLM reports an error that
 * happens mid-stream as a data line under HTTP 200. Stopping (the caller's
 * signal or a timeout) aborts the request, which closes the connection and
 * makes the server stop generating.
 */

export type ModelEndpoint = { apiUrl: string; apiKey?: string };

export type StreamTimeouts = { connectMs: number; firstTokenMs: number; idleMs: number; totalMs: number };

export const defaultTimeouts: StreamTimeouts = {
  connectMs: 10_000,
  firstTokenMs: 120_000,
  idleMs: 60_000,
  totalMs: 15 * 60_000,
};

export type RetryPolicy = { attempts: number; baseDelayMs: number; maxDelayMs: number };

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

export type CompletionEvent =
  | { type: "delta"; text: string }
  | { type: "usage"; promptTokens: number; completionTokens: number }
  | { type: "finish"; reason: string | null };

const chunkSchema = z.object({
  choices: z
    .array(
      z
        .object({
          delta: z.object({ content: z.string().nullish() }).loose().nullish(),
          finish_reason: z.string().nullish(),
        })
        .loose(),
    )
    .default([]),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).loose().nullish(),
});
const errorSchema = z.object({ error: z.union([z.object({ message: z.string() }).loose(), z.string()]) }).loose();
/** SGLang, and vLLM before 0.10, answer a refused request with the error's fields at the top level. */
const topLevelErrorSchema = z.object({ object: z.literal("error"), message: z.string() }).loose();

const describeError = (body: unknown): string | null => {
  const parsed = errorSchema.safeParse(body);
  if (parsed.success) return typeof parsed.data.error === "string" ? parsed.data.error : parsed.data.error.message;
  const topLevel = topLevelErrorSchema.safeParse(body);
  return topLevel.success ? topLevel.data.message : null;
};

/** Why a response that is not 200 failed, in the server's words when it gave any. */
async function failureOf(response: Response): Promise<ModelServerError> {
  const text = await response.text().catch(() => "");
  let said: string | null = null;
  try {
    said = describeError(JSON.parse(text));
  } catch {
    said = text.slice(0, 300) || null;
  }
  const detail = said ? `: ${said}` : "";
  const retryAfter = Number(response.headers.get("retry-after"));
  const options = Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : undefined;
  if (response.status === 429)
    return new ModelServerError("rate_limited", `The model server is busy (HTTP 429)${detail}`, true, options);
  if (response.status >= 500)
    return new ModelServerError(
      "bad_gateway",
      `The model server failed (HTTP ${response.status})${detail}`,
      true,
      options,
    );
  return new ModelServerError(
    "bad_request",
    `The model server refused the request (HTTP ${response.status})${detail}`,
    false,
  );
}

/** A timer that aborts `controller` with a ModelServerError after `ms`; `reset` restarts it. */
function watchdog(controller: AbortController, ms: number, message: string) {
  let timer: NodeJS.Timeout | undefined;
  const start = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new ModelServerError("unavailable", message, false)), ms);
  };
  start();
  return { reset: start, stop: () => clearTimeout(timer) };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

async function connect(
  endpoint: ModelEndpoint,
  request: ChatCompletionRequest,
  controller: AbortController,
  timeouts: StreamTimeouts,
): Promise<Response> {
  const connecting = watchdog(
    controller,
    timeouts.connectMs,
    `The model server did not answer within ${timeouts.connectMs / 1000} s.`,
  );
  try {
    const response = await fetch(`${endpoint.apiUrl.replace(/\/$/, "")}/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
      },
      body: JSON.stringify({ ...request, stream: true, stream_options: { include_usage: true } }),
      signal: controller.signal,
    });
    if (!response.ok) throw await failureOf(response);
    return response;
  } catch (error) {
    if (error instanceof ModelServerError) throw error;
    if (controller.signal.aborted) throw controller.signal.reason;
    throw new ModelServerError("unavailable", `Cannot reach the model server: ${(error as Error).message}`, true, {
      cause: error,
    });
  } finally {
    connecting.stop();
  }
}

export async function* streamCompletion(
  endpoint: ModelEndpoint,
  request: ChatCompletionRequest,
  options: { signal?: AbortSignal; timeouts?: Partial<StreamTimeouts>; retry?: Partial<RetryPolicy> } = {},
): AsyncGenerator<CompletionEvent, void, undefined> {
  const timeouts = { ...defaultTimeouts, ...options.timeouts };
  const retry = { ...defaultRetryPolicy, ...options.retry };
  const controller = new AbortController();
  const stopForCaller = () =>
    controller.abort(
      options.signal?.reason instanceof ModelServerError
        ? options.signal.reason
        : new ModelServerError("unavailable", "The assessment was cancelled.", false),
    );
  if (options.signal?.aborted) stopForCaller();
  options.signal?.addEventListener("abort", stopForCaller, { once: true });
  const total = watchdog(
    controller,
    timeouts.totalMs,
    `The model server did not finish within ${timeouts.totalMs / 1000} s.`,
  );
  try {
    let response: Response | undefined;
    for (let attempt = 1; !response; attempt++) {
      try {
        response = await connect(endpoint, request, controller, timeouts);
      } catch (error) {
        if (!(error instanceof ModelServerError) || !error.retryable || attempt >= retry.attempts) throw error;
        const backoff = error.retryAfterSeconds
          ? error.retryAfterSeconds * 1000
          : retry.baseDelayMs * 2 ** (attempt - 1);
        await sleep(Math.min(backoff, retry.maxDelayMs), controller.signal);
      }
    }
    yield* readEvents(response, controller, timeouts);
  } catch (error) {
    // An abort surfaces as the reason we gave it; anything else is a broken connection.
    const reason = controller.signal.aborted ? controller.signal.reason : error;
    if (reason instanceof ModelServerError) throw reason;
    throw new ModelServerError(
      "bad_gateway",
      `The connection to the model server broke: ${(reason as Error)?.message ?? String(reason)}`,
      false,
      { cause: reason },
    );
  } finally {
    total.stop();
    options.signal?.removeEventListener("abort", stopForCaller);
    controller.abort(new ModelServerError("unavailable", "The stream was closed.", false));
  }
}

async function* readEvents(
  response: Response,
  controller: AbortController,
  timeouts: StreamTimeouts,
): AsyncGenerator<CompletionEvent> {
  if (!response.body) throw new ModelServerError("bad_gateway", "The model server answered without a body.", false);
  const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  const first = watchdog(
    controller,
    timeouts.firstTokenMs,
    `The model server sent no token within ${timeouts.firstTokenMs / 1000} s.`,
  );
  let idle: ReturnType<typeof watchdog> | undefined;
  let isDone = false;
  try {
    for await (const event of events) {
      if (!idle) {
        first.stop();
        idle = watchdog(
          controller,
          timeouts.idleMs,
          `The model server stopped sending for ${timeouts.idleMs / 1000} s.`,
        );
      } else {
        idle.reset();
      }
      if (event.data === "[DONE]") {
        isDone = true;
        break;
      }
      let body: unknown;
      try {
        body = JSON.parse(event.data);
      } catch {
        throw new ModelServerError(
          "bad_gateway",
          `The model server sent a line that is not JSON: ${event.data.slice(0, 120)}`,
          false,
        );
      }
      const error = describeError(body);
      if (error !== null)
        throw new ModelServerError("bad_gateway", `The model server failed while generating: ${error}`, false);
      const chunk = chunkSchema.safeParse(body);
      if (!chunk.success)
        throw new ModelServerError(
          "bad_gateway",
          "The model server sent a chunk that is not a chat completion chunk.",
          false,
        );
      for (const choice of chunk.data.choices) {
        if (choice.delta?.content) yield { type: "delta", text: choice.delta.content };
        if (choice.finish_reason) yield { type: "finish", reason: choice.finish_reason };
      }
      if (chunk.data.usage)
        yield {
          type: "usage",
          promptTokens: chunk.data.usage.prompt_tokens,
          completionTokens: chunk.data.usage.completion_tokens,
        };
    }
  } finally {
    first.stop();
    idle?.stop();
  }
  if (!isDone) throw new ModelServerError("bad_gateway", "The model server closed the stream before it ended.", false);
}
