import "server-only";
import type { ChatCompletionRequest } from "@/lib/preferthinker/request-builder";
import { ModelServerError } from "./model-server-error";
import {
  type CompletionEvent,
  defaultRetryPolicy,
  type RetryPolicy,
  type StreamTimeouts,
  streamCompletion,
} from "./openai-compatible-stream";
import type { ReplicaRouter } from "./replica-router";

/**
 * Streams one chat completion from an endpoint's replicas: a request that a
 * replica refuses, or answers with 5xx or 429, before its first token goes
 * to another replica at once; when every replica has failed it, it waits as
 * a single server's retries do (Retry-After, or a doubling backoff) and tries
 * them all again, `retry.attempts` rounds at most. Once tokens flow, a
 * failure is the request's: no output is ever asked for twice.
 */
export async function* streamFromReplicas(
  router: ReplicaRouter,
  apiKey: string | undefined,
  request: ChatCompletionRequest,
  options: {
    signal?: AbortSignal;
    timeouts?: Partial<StreamTimeouts>;
    retry?: Partial<RetryPolicy>;
    /** Requests with the same key (the same references) prefer the replica that served the key last. */
    affinityKey?: string;
  } = {},
): AsyncGenerator<CompletionEvent, void, undefined> {
  const retry = { ...defaultRetryPolicy, ...options.retry };
  const tried = new Set<string>();
  let round = 1;
  let lastError: ModelServerError | undefined;
  for (;;) {
    const lease = router.acquire(options.affinityKey, tried);
    if (!lease) {
      if (round >= retry.attempts || !lastError)
        throw lastError ?? new ModelServerError("unavailable", "No replica.", false);
      const backoff = lastError.retryAfterSeconds
        ? lastError.retryAfterSeconds * 1000
        : retry.baseDelayMs * 2 ** (round - 1);
      await pause(Math.min(backoff, retry.maxDelayMs), options.signal);
      round++;
      tried.clear();
      continue;
    }
    let hasStarted = false;
    try {
      const events = streamCompletion({ apiUrl: lease.url, apiKey }, request, {
        signal: options.signal,
        timeouts: options.timeouts,
        retry: { attempts: 1 },
      });
      for await (const event of events) {
        if (!hasStarted) {
          hasStarted = true;
          lease.firstToken();
        }
        yield event;
      }
      return;
    } catch (error) {
      if (hasStarted || !(error instanceof ModelServerError)) throw error;
      // A connection that could not be made at all says the replica is down; 5xx and 429 say it is busy or failing.
      lease.failed(error.message, error.code === "unavailable" && error.retryable);
      if (!error.retryable) throw error;
      tried.add(lease.url);
      lastError = error;
    } finally {
      lease.release();
    }
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () =>
      reject(
        signal?.reason instanceof ModelServerError
          ? signal.reason
          : new ModelServerError("unavailable", "The assessment was cancelled.", false),
      );
    if (signal?.aborted) return cancelled();
    const onAbort = () => (clearTimeout(timer), cancelled());
    // The listener goes with the pause: a run's signal outlives many of them.
    const timer = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
