import "server-only";

/**
 * A response body that pulls from an async generator one chunk at a time:
 * nothing is produced until the client has read what came before (a
 * high-water mark of zero), so a slow download holds one chunk, not the file.
 * The generator gets a signal that aborts when the client goes away (the
 * request's signal, or the body being cancelled); a cancel also returns the
 * generator, which runs its `finally` blocks once the step in flight ends, so
 * it stops reading the database and cleans up after itself.
 */
export function streamChunks(
  produce: (signal: AbortSignal) => AsyncIterable<Uint8Array>,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const cancelled = new AbortController();
  const gone = signal ? AbortSignal.any([signal, cancelled.signal]) : cancelled.signal;
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= produce(gone)[Symbol.asyncIterator]();
        try {
          const next = await iterator.next();
          if (cancelled.signal.aborted) return;
          if (!next.done) controller.enqueue(next.value);
          // A producer that stopped because the client went away has not finished: never let that look like a whole file.
          else if (gone.aborted) controller.error(gone.reason);
          else controller.close();
        } catch (error) {
          if (cancelled.signal.aborted) return;
          // The status line went out long ago: all that is left is to cut the download short, and say why here
          // (unless the client went away, which says why itself).
          if (!gone.aborted)
            console.error(`[export] stopped part-way: ${error instanceof Error ? error.message : String(error)}`);
          controller.error(error);
        }
      },
      async cancel(reason) {
        cancelled.abort(reason);
        await iterator?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

const encoder = new TextEncoder();

/** Text as the bytes a response body carries (UTF-8). */
export const toBytes = (text: string): Uint8Array => encoder.encode(text);
