"use client";

/**
 * Judgments on their way to the server, kept in the browser so none is lost
 * while offline: each keeps its idempotency key, so sending it again after a
 * dropped connection can never record it twice.
 */

import { z } from "zod";
import { storedList } from "@/components/shell/stored-list";
import { type JudgmentBody, judgmentBodySchema } from "@/lib/assessments/judgment-contract";

const outboxEntrySchema = z.object({
  assessmentId: z.string(),
  idempotencyKey: z.string(),
  body: judgmentBodySchema,
  queuedAt: z.number(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
export type SendResult = { state: "saved" } | { state: "pending" } | { state: "refused"; message: string };

const { read, write } = storedList("preferthinker-studio.judgment-outbox", "judgment-outbox", outboxEntrySchema);

/** The entry waiting for an assessment, if any (the latest choice wins). */
export function findPending(assessmentId: string): OutboxEntry | undefined {
  return read().find((entry) => entry.assessmentId === assessmentId);
}

/** Queues a judgment, replacing one still waiting for the same assessment. */
export function enqueueJudgment(assessmentId: string, body: JudgmentBody): OutboxEntry {
  const entry = { assessmentId, idempotencyKey: crypto.randomUUID(), body, queuedAt: Date.now() };
  write([...read().filter((other) => other.assessmentId !== assessmentId), entry]);
  return entry;
}

async function sendOne(entry: OutboxEntry): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(`/api/assessments/${entry.assessmentId}/judgment`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "Idempotency-Key": entry.idempotencyKey },
      body: JSON.stringify(entry.body),
      cache: "no-store",
    });
  } catch {
    return { state: "pending" };
  }
  if (response.ok) return { state: "saved" };
  // Server trouble may pass; a refusal will not.
  if (response.status >= 500 || response.status === 429) return { state: "pending" };
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return { state: "refused", message: body?.error?.message ?? `The server answered HTTP ${response.status}.` };
}

let flushing: Promise<Map<string, SendResult>> | null = null;

/** Sends every waiting judgment in order; those that went through or were refused leave the outbox. */
export function flushOutbox(): Promise<Map<string, SendResult>> {
  flushing ??= (async () => {
    const results = new Map<string, SendResult>();
    for (const entry of read()) {
      const result = await sendOne(entry);
      results.set(entry.assessmentId, result);
      if (result.state !== "pending") write(read().filter((other) => other.idempotencyKey !== entry.idempotencyKey));
    }
    return results;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}
