import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { describeByteLimit, readBoundedBody, readBoundedJson } from "./read-bounded-body";

/** A request whose body streams in chunks with no Content-Length, counting how much of it was pulled. */
function chunkedRequest(chunks: number, chunkBytes: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(32));
    },
  });
  return {
    request: new Request("http://studio.test/api/x", { method: "POST", body, duplex: "half" } as RequestInit),
    pulled: () => pulled,
  };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe("a bounded request body", () => {
  it("is refused at once when its Content-Length is over the limit, with a 413 naming the limit", async () => {
    const request = new Request("http://studio.test/api/x", {
      method: "POST",
      body: "x".repeat(2048),
      headers: { "content-length": "2048" },
    });
    const error = await refusal(readBoundedBody(request, 1024));
    expect(error.status).toBe(413);
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toBe("The request body is larger than the 1 KB this server accepts.");
  });

  it("stops reading a body without Content-Length at the first chunk past the limit", async () => {
    const { request, pulled } = chunkedRequest(10_000, 64 * 1024);
    const error = await refusal(readBoundedBody(request, 2 ** 20));
    expect(error.status).toBe(413);
    expect(error.message).toContain("1 MB");
    // 16 chunks fill the limit, the 17th passes it; the stream may pull one ahead. Nothing near the 625 MB offered.
    expect(pulled()).toBeLessThanOrEqual(18);
  });

  it("reads a body within the limit whole, and parses JSON from it", async () => {
    const request = new Request("http://studio.test/api/x", {
      method: "POST",
      body: JSON.stringify({ hello: "wörld" }),
    });
    expect(await readBoundedJson(request, 1024)).toEqual({ hello: "wörld" });
  });

  it("says what a body that is not JSON should have been", async () => {
    const request = new Request("http://studio.test/api/x", { method: "POST", body: "{not json" });
    const error = await refusal(readBoundedJson(request, 1024, { notJson: "Send a results file." }));
    expect(error.status).toBe(400);
    expect(error.message).toBe("Send a results file.");
  });

  it("names limits as people read them", () => {
    expect([
      describeByteLimit(2 ** 20),
      describeByteLimit(256 * 2 ** 20),
      describeByteLimit(512 * 1024),
      describeByteLimit(1000),
    ]).toEqual(["1 MB", "256 MB", "512 KB", "1000 bytes"]);
  });
});
