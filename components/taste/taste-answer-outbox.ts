"use client";

/**
 * Quiz answers on their way to the server, kept in the browser so none is
 * lost while offline, in the order they were given: each keeps its
 * idempotency key, so sending it again after a dropped connection stores it
 * once. An answer depends on those before it (its position, the pairs shown
 * before it), so they go out strictly in order, and a refused one takes the
 * later ones of its quiz with it.
 */

import { ApiError, callApi } from "@/lib/http/api-client";
import { z } from "zod";
import { storedList } from "@/components/shell/stored-list";
import {
  type TasteAnswerBody,
  type TasteNextPair,
  type TasteProgress,
  tasteAnswerSchema,
  tasteNextPairSchema,
  tasteProgressSchema,
} from "@/lib/taste/taste-contract";

const tasteOutboxEntrySchema = z.object({
  sessionId: z.string(),
  /** The pair as it was shown (what an undo shows again) and the answer's body. */
  pair: tasteNextPairSchema.unwrap(),
  body: tasteAnswerSchema,
  queuedAt: z.number(),
});
export type TasteOutboxEntry = z.infer<typeof tasteOutboxEntrySchema>;

export type TasteFlushOutcome =
  | { state: "empty" }
  | { state: "saved"; progress: TasteProgress }
  /** Some still wait; `progress` is the server's word after the last one that went through, if any did. */
  | { state: "pending"; progress: TasteProgress | null }
  | { state: "refused"; message: string; dropped: number };

export const tasteOutboxEvent = "taste-outbox";
const { read, write } = storedList("preferthinker-studio.taste-outbox", tasteOutboxEvent, tasteOutboxEntrySchema);

/** The quiz's answers still waiting, oldest first. */
export function pendingTasteAnswers(sessionId: string): TasteOutboxEntry[] {
  return read().filter((entry) => entry.sessionId === sessionId);
}

export function queueTasteAnswer(sessionId: string, pair: NonNullable<TasteNextPair>, body: TasteAnswerBody): void {
  write([...read(), { sessionId, pair, body, queuedAt: Date.now() }]);
}

/** Takes the quiz's last waiting answer back (an undo while offline); undefined when none waits. */
export function takeBackLastTasteAnswer(sessionId: string): TasteOutboxEntry | undefined {
  const entries = read();
  const index = entries.findLastIndex((entry) => entry.sessionId === sessionId);
  if (index < 0) return undefined;
  const [taken] = entries.splice(index, 1);
  write(entries);
  return taken;
}

/** Whether an error means the server was not reached or could not answer now (worth sending again later). */
export function isWorthRetrying(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

const keyOf = (entry: TasteOutboxEntry) => entry.body.key;

const flushing = new Map<string, Promise<TasteFlushOutcome>>();

async function sendInOrder(sessionId: string): Promise<TasteFlushOutcome> {
  let progress: TasteProgress | null = null;
  // Until none is left: answers given while the first ones were on their way go out in the same flush.
  for (let entry = pendingTasteAnswers(sessionId)[0]; entry; entry = pendingTasteAnswers(sessionId)[0]) {
    try {
      progress = await callApi(`/api/taste/sessions/${sessionId}/answers`, {
        method: "POST",
        body: entry.body,
        schema: tasteProgressSchema,
      });
    } catch (error) {
      if (isWorthRetrying(error)) return { state: "pending", progress };
      const waiting = pendingTasteAnswers(sessionId);
      const dropped = new Set(
        waiting.slice(waiting.findIndex((other) => other.body.key === entry.body.key)).map(keyOf),
      );
      write(read().filter((other) => !(other.sessionId === sessionId && dropped.has(keyOf(other)))));
      const message = error instanceof Error ? error.message : String(error);
      return { state: "refused", message, dropped: dropped.size };
    }
    write(read().filter((other) => keyOf(other) !== keyOf(entry)));
  }
  return progress ? { state: "saved", progress } : { state: "empty" };
}

/** Sends the quiz's waiting answers in order; one flush at a time per quiz (a second call joins the first). */
export function flushTasteAnswers(sessionId: string): Promise<TasteFlushOutcome> {
  const running = flushing.get(sessionId);
  if (running) return running;
  const flush = sendInOrder(sessionId).finally(() => flushing.delete(sessionId));
  flushing.set(sessionId, flush);
  return flush;
}

/** Waits for a flush under way, if any (an undo must not take back an answer being sent). */
export async function settleTasteFlush(sessionId: string): Promise<void> {
  await flushing.get(sessionId)?.catch(() => undefined);
}
