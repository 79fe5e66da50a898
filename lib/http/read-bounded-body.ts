import "server-only";
import { AppError } from "@/lib/errors";

/** "1 MB", "256 MB", "512 KB": a limit as a person reads it. */
export function describeByteLimit(bytes: number): string {
  if (bytes >= 2 ** 20 && bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

const tooLarge = (maxBytes: number, what: string) =>
  new AppError("payload_too_large", `${what} is larger than the ${describeByteLimit(maxBytes)} this server accepts.`);

/**
 * The request's body as bytes, never more than `maxBytes` of it in memory.
 * A declared `Content-Length` over the limit is refused before a byte is
 * read; without one (chunked uploads) the bytes are counted as they arrive
 * and the stream is cancelled at the first byte past the limit. Route
 * handlers have no body limit of their own, so every body goes through here.
 */
export async function readBoundedBody(
  request: Request,
  maxBytes: number,
  what = "The request body",
): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    // Cancelling tells the server to stop reading; it drains or drops the rest without keeping it.
    await request.body?.cancel().catch(() => {});
    throw tooLarge(maxBytes, what);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes, what);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The body parsed as JSON, within the limit; anything that is not JSON is a 400 with `notJson` as its message. */
export async function readBoundedJson(
  request: Request,
  maxBytes: number,
  options: { what?: string; notJson?: string } = {},
): Promise<unknown> {
  const bytes = await readBoundedBody(request, maxBytes, options.what);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new AppError("bad_request", options.notJson ?? "The request body must be JSON.");
  }
}
