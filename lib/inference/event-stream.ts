import "server-only";
import type { AssessmentRun, RunEvent } from "./assessment-run";

/** How much a follower may leave unread before it is cut off. */
export const maxUnreadEventBytes = 2 ** 20;

/**
 * A run as Server-Sent Events: `id:`, `event:` and `data:` lines, a
 * keepalive comment every 15 s, from `afterId` on. The client going away
 * only stops this stream; the run goes on. A client that stops reading is
 * cut off once `maxUnreadBytes` wait for it, rather than the server holding
 * the whole event log for it: its EventSource reconnects with Last-Event-ID
 * and reads on from there.
 */
export function toEventStream(
  follow: AssessmentRun["follow"],
  afterId: number,
  maxUnreadBytes = maxUnreadEventBytes,
): Response {
  const encoder = new TextEncoder();
  let stop: (() => void) | undefined;
  let keepalive: NodeJS.Timeout | undefined;
  let isClosed = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const close = () => {
          if (isClosed) return;
          isClosed = true;
          clearInterval(keepalive);
          stop?.();
          try {
            controller.close();
          } catch {
            // Already closed by the client.
          }
        };
        const send = (text: string) => {
          if (isClosed) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            // The client left between two events.
            return;
          }
          // desiredSize is the room left below the bound; under zero the client has stopped reading.
          if ((controller.desiredSize ?? 0) < 0) close();
        };
        keepalive = setInterval(() => send(": keepalive\n\n"), 15_000);
        stop = follow(afterId, (event: RunEvent) => {
          if (event.event === null) return close();
          send(`id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
        });
        // Cut off while the backlog was replayed, before `stop` was known: let go now.
        if (isClosed) stop();
      },
      cancel() {
        isClosed = true;
        clearInterval(keepalive);
        stop?.();
      },
    },
    // The bound counts bytes waiting in the stream's queue for the client to read.
    { highWaterMark: maxUnreadBytes, size: (chunk) => chunk.byteLength },
  );
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}

/** The number in a Last-Event-ID header, or 0. */
export function readLastEventId(request: Request): number {
  const value = Number(request.headers.get("last-event-id"));
  return Number.isInteger(value) && value > 0 ? value : 0;
}
