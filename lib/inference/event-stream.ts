import "server-only";
import type { AssessmentRun, RunEvent } from "./assessment-run";

/**
 * A run as Server-Sent Events: `id:`, `event:` and `data:` lines, a
 * keepalive comment every 15 s, from `afterId` on. The client going away
 * only stops this stream; the run goes on.
 */
export function toEventStream(follow: AssessmentRun["follow"], afterId: number): Response {
  const encoder = new TextEncoder();
  let stop = () => {};
  let keepalive: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The client left between two events.
        }
      };
      keepalive = setInterval(() => send(": keepalive\n\n"), 15_000);
      stop = follow(afterId, (event: RunEvent) => {
        if (event.id === 0) {
          clearInterval(keepalive);
          try {
            controller.close();
          } catch {
            // Already closed by the client.
          }
          return;
        }
        send(`id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
      });
    },
    cancel() {
      clearInterval(keepalive);
      stop();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}

/** The number in a Last-Event-ID header, or 0. */
export function readLastEventId(request: Request): number {
  const value = Number(request.headers.get("last-event-id"));
  return Number.isInteger(value) && value > 0 ? value : 0;
}
