import "server-only";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream";
import streamArray from "stream-json/streamers/stream-array.js";

/** Why a file could not be read as a JSON array: its text, or a top-level value that is not an array. */
export class JsonArrayError extends Error {
  constructor(
    message: string,
    readonly isNotAnArray: boolean,
  ) {
    super(message);
  }
}

/**
 * The entries of a file holding one JSON array, one at a time: a benchmark
 * subset of 100,000 samples is never held whole, as text or as objects.
 * Each entry is assembled alone, so memory follows the largest entry.
 */
export async function* readJsonArray(path: string): AsyncGenerator<{ index: number; value: unknown }> {
  const entries = pipeline(
    createReadStream(/* turbopackIgnore: true */ path),
    streamArray.withParserAsStream(),
    // Errors reach the loop below through the last stream; this callback only keeps them from being unhandled.
    () => undefined,
  );
  try {
    for await (const item of entries as AsyncIterable<{ key: number; value: unknown }>)
      yield { index: item.key, value: item.value };
  } catch (error) {
    const message = (error as Error).message;
    throw new JsonArrayError(message, /top-level object should be an array/i.test(message));
  } finally {
    entries.destroy();
  }
}
