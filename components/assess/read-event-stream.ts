"use client";

import { EventSourceParserStream } from "eventsource-parser/stream";
import type { IncomingEvent } from "@/lib/assessments/live-assessment";

/**
 * Reads a text/event-stream response and hands its events over in batches,
 * at most one batch per animation frame: a model writing a hundred tokens a
 * second then costs the page one render per frame, not one per token.
 */
export async function readEventStream(
  body: ReadableStream<BufferSource>,
  onEvents: (events: IncomingEvent[]) => void,
  signal: AbortSignal,
): Promise<void> {
  let pending: IncomingEvent[] = [];
  let frame: number | null = null;
  const flush = () => {
    frame = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    onEvents(batch);
  };
  const reader = body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  const stop = () => void reader.cancel().catch(() => {});
  signal.addEventListener("abort", stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let data: unknown = null;
      try {
        data = JSON.parse(value.data);
      } catch {
        continue;
      }
      pending.push({
        id: Number(value.id ?? 0) || 0,
        event: value.event ?? "message",
        data,
        receivedAt: performance.now(),
      });
      frame ??= requestAnimationFrame(flush);
    }
  } finally {
    signal.removeEventListener("abort", stop);
    if (frame !== null) cancelAnimationFrame(frame);
    flush();
  }
}
